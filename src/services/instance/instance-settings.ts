// The operator's settings of the instance (title, contact, long texts...) and
// its rules. Texts for the about pages are given as plain text (rendered as a
// post is) or as HTML, which is cleaned like remote HTML.
import { findAccountByAcct } from "../../../db/queries/account-search.ts";
import { deleteInstanceSetting, deleteRule, insertRule, nextRulePosition, type RuleRow, writeInstanceSetting } from "../../../db/queries/instance-settings.ts";
import type { Id } from "../../../db/schema/index.ts";
import { isId } from "../../domain/ids.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { sanitizeHtml } from "../../domain/sanitize-html.ts";
import { renderStatusText } from "../../domain/status-text.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";

/** Every setting an operator may change, and how its value is read. */
export const INSTANCE_SETTINGS = {
  title: "text",
  description: "text",
  contact_email: "email",
  contact_username: "username",
  extended_description: "html",
  privacy_policy: "html",
  terms_of_service: "html",
  registrations_message: "html",
  thumbnail_url: "url",
  source_url: "url",
  languages: "languages",
} as const;

export type InstanceSettingKey = keyof typeof INSTANCE_SETTINGS;

const MAX_LENGTH = 100_000;
const MAX_RULE = 1_000;

/** HTML cleaned to the allowlist; plain text rendered like a post (paragraphs, line breaks, links). */
export function textToHtml(deps: ServiceDeps, text: string): string {
  if (/<[a-z][^>]*>/i.test(text)) return sanitizeHtml(text);
  return renderStatusText(text, new Map(), (name) => `${deps.uris.origin}/tags/${encodeURIComponent(name.toLowerCase())}`).html;
}

async function normalize(deps: ServiceDeps, key: InstanceSettingKey, raw: string): Promise<Result<string>> {
  const value = raw.trim();
  switch (INSTANCE_SETTINGS[key]) {
    case "email":
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? ok(value) : fail("validation", `${key} must be an email address`);
    case "username": {
      const account = await findAccountByAcct(deps.db, value.replace(/^@/, ""), null);
      return account ? ok(account.username) : fail("not-found", `No local account named ${value}`);
    }
    case "url":
      return URL.canParse(value) && /^https?:/.test(value) ? ok(value) : fail("validation", `${key} must be an http(s) URL`);
    case "languages": {
      const codes = value.split(/[\s,]+/).filter(Boolean).map((c) => c.toLowerCase());
      return codes.length && codes.every((c) => /^[a-z]{2,3}$/.test(c)) ? ok(codes.join(",")) : fail("validation", "languages must be ISO 639 codes such as en,de");
    }
    case "html":
      return ok(textToHtml(deps, value));
    case "text":
      return ok(value);
  }
}

/** Sets one setting; an empty value restores its default. */
export async function setInstanceSetting(deps: ServiceDeps, input: { key: string; value: string }): Promise<Result<string>> {
  if (!Object.hasOwn(INSTANCE_SETTINGS, input.key)) return fail("validation", `Unknown setting ${input.key}`);
  const key = input.key as InstanceSettingKey;
  if (input.value.length > MAX_LENGTH) return fail("validation", `${key} is too long`);
  if (!input.value.trim()) {
    await writeTransaction(deps, (tx) => deleteInstanceSetting(tx, key));
    return ok("");
  }
  const normalized = await normalize(deps, key, input.value);
  if (!normalized.ok) return normalized;
  await writeTransaction(deps, (tx) => writeInstanceSetting(tx, key, normalized.value, Date.now()));
  return normalized;
}

/** Adds a rule at the end of the list. */
export async function addInstanceRule(deps: ServiceDeps, input: { text: string; hint?: string }): Promise<Result<RuleRow>> {
  const text = input.text.trim();
  if (!text) return fail("validation", "A rule needs a text");
  if ([...text].length > MAX_RULE || [...(input.hint ?? "")].length > MAX_RULE) return fail("validation", `A rule is at most ${MAX_RULE} characters`);
  const now = Date.now();
  return writeTransaction(deps, async (tx) => {
    const row: RuleRow = { id: deps.ids.next(), text, hint: input.hint?.trim() ?? "", position: await nextRulePosition(tx), created_at: now, updated_at: now };
    await insertRule(tx, row);
    return ok(row);
  });
}

/** Removes a rule. */
export async function removeInstanceRule(deps: ServiceDeps, id: Id): Promise<Result<void>> {
  if (!isId(id)) return fail("not-found", "No such rule");
  const removed = await writeTransaction(deps, (tx) => deleteRule(tx, id));
  return removed ? ok(undefined) : fail("not-found", "No such rule");
}
