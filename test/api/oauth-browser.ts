// A tiny browser for the OAuth tests: real HTTP on loopback with fetch, a
// cookie jar, no automatic redirects, and form reading with htmlparser2.
import { DomUtils, parseDocument } from "htmlparser2";
import { expect } from "vitest";
import type { ParleyApp } from "../../src/app.ts";
import { startHttpServer } from "../rig/net/https-server.ts";

export interface Browser {
  get(path: string): Promise<Response>;
  /** Posts a form (application/x-www-form-urlencoded). */
  post(path: string, fields: Record<string, string>): Promise<Response>;
  cookies: Map<string, { value: string; attributes: string }>;
}

/** Serves the app on 127.0.0.1 and returns its base URL and a way to stop it. */
export async function serve(app: ParleyApp): Promise<{ base: string; close(): Promise<void> }> {
  const server = await startHttpServer({ fetch: app.fetch });
  return { base: `http://127.0.0.1:${server.port}`, close: () => server.close() };
}

/** A browser with its own cookie jar. */
export function openBrowser(base: string): Browser {
  const cookies = new Map<string, { value: string; attributes: string }>();
  const send = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set("Cookie", [...cookies].map(([name, c]) => `${name}=${c.value}`).join("; "));
    const response = await fetch(new URL(path, base), { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === "") cookies.delete(name);
      else cookies.set(name, { value, attributes: attributes.join(";").trim() });
    }
    return response;
  };
  return {
    cookies,
    get: (path) => send(path),
    post: (path, fields) => send(path, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
  };
}

type Node = Parameters<typeof DomUtils.getElementsByTagName>[1];

function elements(root: Node, name: string) {
  return DomUtils.getElementsByTagName(name, root, true);
}

/** The named inputs of the first form posting to `action`, with their values. */
export function readForm(page: string, action: string): Record<string, string> {
  const document = parseDocument(page);
  const form = elements(document, "form").find((f) => f.attribs.action === action);
  if (!form) throw new Error(`no form posting to ${action}`);
  const fields: Record<string, string> = {};
  for (const input of elements(form, "input")) if (input.attribs.name) fields[input.attribs.name] = input.attribs.value ?? "";
  return fields;
}

/** The value of the element with this id (the code shown to out-of-band apps). */
export function valueOf(page: string, id: string): string {
  const element = DomUtils.getElementById(id, parseDocument(page).children);
  if (!element?.attribs.value) throw new Error(`no value with id ${id}`);
  return element.attribs.value;
}

/**
 * Asserts that every visible input, textarea and select of a page has a label
 * (for=id or aria-label), and that the page has a language, a title and one
 * h1; returns how many visible controls it has.
 */
export function expectLabelledInputs(page: string): number {
  const document = parseDocument(page);
  const labelled = new Set(elements(document, "label").map((l) => l.attribs.for));
  const controls = [...elements(document, "input"), ...elements(document, "textarea"), ...elements(document, "select")]
    .filter((e) => e.attribs.type !== "hidden");
  for (const control of controls) {
    const ok = (control.attribs.id && labelled.has(control.attribs.id)) || control.attribs["aria-label"];
    expect(ok, `input ${control.attribs.name} has a label`).toBeTruthy();
  }
  expect(page).toMatch(/<html lang="en">/);
  expect(elements(document, "h1")).toHaveLength(1);
  expect(elements(document, "title")).toHaveLength(1);
  return controls.length;
}

/** The Location header of a redirect, resolved against base. */
export function location(response: Response, base: string): URL {
  expect([302, 303]).toContain(response.status);
  return new URL(response.headers.get("Location")!, base);
}
