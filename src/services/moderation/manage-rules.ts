// Creating, changing and deleting automatic rules (admin API, CLI), each
// audited. A rule is checked whole before it is saved: a regular expression
// must compile on RE2 (so no pattern can backtrack without bound), thresholds
// must be whole numbers. Every change drops the compiled rules of this process.
import { deleteRule, findRule, insertRule, type RuleRow, updateRule } from "../../../db/queries/moderation-rules.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { RuleAction, RuleField, RuleKind, RuleParams } from "../../../db/schema/rules.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { wordsOf } from "../../domain/rules/keyword-index.ts";
import { compileSafeRegex } from "../../domain/rules/safe-regex.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { type Moderator, recordAudit } from "./audit.ts";
import { forgetRules } from "./rule-cache.ts";

export const RULE_KINDS: readonly RuleKind[] = ["keyword", "regex", "mention_flood", "link_spam"];
export const RULE_ACTIONS: readonly RuleAction[] = ["flag", "hold", "sensitive", "reject"];
export const RULE_FIELDS: readonly RuleField[] = ["text", "spoiler", "alt_text", "display_name", "bio", "link_domains"];

export interface RuleInput {
  kind: RuleKind;
  pattern?: string | null;
  fields?: RuleField[];
  params?: RuleParams;
  action: RuleAction;
  dryRun?: boolean;
  comment?: string;
}

const wholeNumber = (n: unknown) => n === undefined || (typeof n === "number" && Number.isInteger(n) && n >= 0);

/** Why a rule can't be saved, or null. */
export function ruleProblem(rule: RuleInput): string | null {
  if (!RULE_KINDS.includes(rule.kind)) return `Kind must be one of ${RULE_KINDS.join(", ")}`;
  if (!RULE_ACTIONS.includes(rule.action)) return `Action must be one of ${RULE_ACTIONS.join(", ")}`;
  const p = rule.params ?? {};
  if (![p.maxMentions, p.accountAgeHours, p.maxLinksPerDomain].every(wholeNumber)) return "Thresholds must be whole numbers";
  if (rule.kind === "mention_flood") return p.maxMentions === undefined ? "A mention_flood rule needs max_mentions" : null;
  if (rule.kind === "link_spam") return p.maxLinksPerDomain === undefined && !p.domains?.length ? "A link_spam rule needs max_links_per_domain or domains" : null;
  const fields = rule.fields ?? [];
  if (fields.length === 0 || !fields.every((f) => RULE_FIELDS.includes(f))) return `Fields must be some of ${RULE_FIELDS.join(", ")}`;
  const pattern = rule.pattern ?? "";
  if (rule.kind === "regex") {
    const compiled = compileSafeRegex(pattern);
    return typeof compiled === "string" ? compiled : null;
  }
  return wordsOf(pattern).length === 0 ? "A keyword needs a letter or digit" : null;
}

function columnsOf(rule: RuleInput, now: number) {
  const pattern = rule.kind === "keyword" || rule.kind === "regex" ? (rule.pattern ?? null) : null;
  return {
    kind: rule.kind,
    pattern,
    fields: JSON.stringify(pattern === null ? [] : (rule.fields ?? [])),
    params: JSON.stringify(pattern === null ? (rule.params ?? {}) : {}),
    action: rule.action,
    dry_run: rule.dryRun ? 1 : 0,
    comment: rule.comment ?? "",
    updated_at: now,
  };
}

/** Saves a new rule. */
export async function createRule(deps: ServiceDeps, moderator: Moderator, rule: RuleInput): Promise<Result<RuleRow>> {
  const problem = ruleProblem(rule);
  if (problem) return fail("validation", problem);
  const id = deps.ids.next();
  const now = Date.now();
  const row = await writeTransaction(deps, async (tx) => {
    await insertRule(tx, { id, ...columnsOf(rule, now), matches_count: 0, last_matched_at: null, created_at: now });
    await recordAudit(deps, tx, moderator, { action: "rule.create", targetType: "rule", targetId: id, data: { kind: rule.kind, action: rule.action, dry_run: !!rule.dryRun } });
    return (await findRule(tx, id))!;
  });
  forgetRules(deps);
  return ok(row);
}

/** Changes a rule; what the changes leave out stays as it was. */
export async function changeRule(deps: ServiceDeps, moderator: Moderator, id: Id, changes: Partial<RuleInput>): Promise<Result<RuleRow>> {
  const before = await findRule(deps.db, id);
  if (!before) return fail("not-found", "Record not found");
  const merged: RuleInput = {
    kind: changes.kind ?? before.kind,
    pattern: changes.pattern !== undefined ? changes.pattern : before.pattern,
    fields: changes.fields ?? JSON.parse(before.fields),
    params: changes.params ?? JSON.parse(before.params),
    action: changes.action ?? before.action,
    dryRun: changes.dryRun ?? before.dry_run === 1,
    comment: changes.comment ?? before.comment,
  };
  const problem = ruleProblem(merged);
  if (problem) return fail("validation", problem);
  // Bump past the previous stamp even within one millisecond, so other processes see a new version.
  const now = Math.max(Date.now(), before.updated_at + 1);
  const row = await writeTransaction(deps, async (tx) => {
    await updateRule(tx, id, columnsOf(merged, now));
    await recordAudit(deps, tx, moderator, { action: "rule.update", targetType: "rule", targetId: id, data: { changes: Object.keys(changes) } });
    return (await findRule(tx, id))!;
  });
  forgetRules(deps);
  return ok(row);
}

/** Deletes a rule and its kept examples. */
export async function removeRule(deps: ServiceDeps, moderator: Moderator, id: Id): Promise<Result<RuleRow>> {
  const before = await findRule(deps.db, id);
  if (!before) return fail("not-found", "Record not found");
  await writeTransaction(deps, async (tx) => {
    await deleteRule(tx, id);
    await recordAudit(deps, tx, moderator, { action: "rule.delete", targetType: "rule", targetId: id, data: { kind: before.kind, pattern: before.pattern } });
  });
  forgetRules(deps);
  return ok(before);
}
