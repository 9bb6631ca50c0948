// Validates API responses against the contract: the Mastodon 4.7.0 OpenAPI
// document in ../shared/mastodon-api/openapi.json, with a JSON Schema 2020-12
// validator. One compiled validator per entity name, per process.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { expect } from "vitest";

const specPath = resolve(import.meta.dirname, "../../../shared/mastodon-api/openapi.json");
const spec = JSON.parse(readFileSync(specPath, "utf8")) as { components: { schemas: Record<string, unknown> } };

const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats ships CommonJS; its default export is the function under both module systems.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
// The document uses a language-code format ajv does not know; check it as Mastodon's clients do.
ajv.addFormat("iso-639-1", /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
ajv.addSchema({ $id: "mastodon", components: spec.components });

/** Asserts that value is a valid `name` entity (e.g. "Status", "Account"). */
export function expectEntity(value: unknown, name: string): void {
  const validate = ajv.getSchema(`mastodon#/components/schemas/${name}`);
  if (!validate) throw new Error(`No schema named ${name} in openapi.json`);
  const valid = validate(value);
  expect(valid ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`), `${name} matches openapi.json`).toEqual([]);
}

/** Asserts that every element of a list is a valid `name` entity. */
export function expectEntities(values: unknown, name: string): void {
  expect(Array.isArray(values)).toBe(true);
  for (const value of values as unknown[]) expectEntity(value, name);
}
