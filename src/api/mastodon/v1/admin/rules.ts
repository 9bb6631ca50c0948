// Parley's extension beside Mastodon's admin API: automatic moderation rules.
// CRUD at /api/v1/admin/rules; each rule shows how often it matched and its
// latest examples, which is what a dry run (dry_run: true) is read through.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findRule, findRuleMatches, listRules, type RuleRow } from "../../../../../db/queries/moderation-rules.ts";
import type { RuleParams } from "../../../../../db/schema/rules.ts";
import { serializeRule } from "../../../../entities/moderation-rule.ts";
import { RULE_ACTIONS, RULE_FIELDS, RULE_KINDS, type RuleInput } from "../../../../services/moderation/manage-rules.ts";
import type { ApiEnv } from "../../env.ts";
import { parseParams } from "../../body.ts";
import { failureResponse, notFound } from "../../errors.ts";
import { moderatorOf, requireStaff } from "../../middleware/staff.ts";
import { flag, idParam, integer, list } from "../../params.ts";

const ruleSchema = z.object({
  kind: z.enum(RULE_KINDS as [string, ...string[]]).optional(),
  pattern: z.string().optional(),
  fields: list(z.enum(RULE_FIELDS as [string, ...string[]])).optional(),
  max_mentions: integer.optional(),
  account_age_hours: integer.optional(),
  max_links_per_domain: integer.optional(),
  domains: list(z.string().min(1).max(253)).optional(),
  action: z.enum(RULE_ACTIONS as [string, ...string[]]).optional(),
  dry_run: flag.optional(),
  comment: z.string().max(1000).optional(),
});

type RuleParamsBody = z.infer<typeof ruleSchema>;

// The body as a service input: only what was given.
function inputOf(body: RuleParamsBody): Partial<RuleInput> {
  const params: RuleParams = {
    ...(body.max_mentions !== undefined ? { maxMentions: body.max_mentions } : {}),
    ...(body.account_age_hours !== undefined ? { accountAgeHours: body.account_age_hours } : {}),
    ...(body.max_links_per_domain !== undefined ? { maxLinksPerDomain: body.max_links_per_domain } : {}),
    ...(body.domains !== undefined ? { domains: body.domains.map((d) => d.toLowerCase()) } : {}),
  };
  return {
    ...(body.kind !== undefined ? { kind: body.kind as RuleInput["kind"] } : {}),
    ...(body.pattern !== undefined ? { pattern: body.pattern } : {}),
    ...(body.fields !== undefined ? { fields: body.fields as RuleInput["fields"] } : {}),
    ...(Object.keys(params).length ? { params } : {}),
    ...(body.action !== undefined ? { action: body.action as RuleInput["action"] } : {}),
    ...(body.dry_run !== undefined ? { dryRun: body.dry_run } : {}),
    ...(body.comment !== undefined ? { comment: body.comment } : {}),
  };
}

async function renderRules(c: Context<ApiEnv>, rows: readonly RuleRow[]) {
  const matches = await findRuleMatches(c.var.deps.db, rows.map((r) => r.id));
  return rows.map((r) => serializeRule(r, matches.filter((m) => m.rule_id === r.id)));
}

/** The rules routes, mounted at /api/v1/admin/rules. */
export function adminRulesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const read = requireStaff("manage_rules", "admin:read");
  const write = requireStaff("manage_rules", "admin:write");
  routes.get("/", read, async (c) => c.json(await renderRules(c, await listRules(c.var.deps.db))));
  routes.get("/:id", read, async (c) => {
    const rule = await findRule(c.var.deps.db, idParam(c));
    return rule ? c.json((await renderRules(c, [rule]))[0]) : notFound(c);
  });
  routes.post("/", write, async (c) => {
    const body = await parseParams(c, ruleSchema);
    if (!body.ok) return body.response;
    const input = inputOf(body.value);
    const created = await c.var.deps.services.createRule(moderatorOf(c), { kind: "keyword", action: "flag", ...input } as RuleInput);
    return created.ok ? c.json((await renderRules(c, [created.value]))[0]) : failureResponse(c, created);
  });
  routes.put("/:id", write, async (c) => {
    const body = await parseParams(c, ruleSchema);
    if (!body.ok) return body.response;
    const changed = await c.var.deps.services.changeRule(moderatorOf(c), idParam(c), inputOf(body.value));
    return changed.ok ? c.json((await renderRules(c, [changed.value]))[0]) : failureResponse(c, changed);
  });
  routes.delete("/:id", write, async (c) => {
    const removed = await c.var.deps.services.removeRule(moderatorOf(c), idParam(c));
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });
  return routes;
}
