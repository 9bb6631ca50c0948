// POST /api/v1/reports: a user reports an account, and optionally some of its
// statuses, to the moderators (and, with forward, to the account's instance).
import { Hono } from "hono";
import { z } from "zod";
import { isId } from "../../../domain/ids.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { flag, list } from "../params.ts";
import { renderReport } from "../render-reports.ts";

export const reportCategory = z.enum(["spam", "legal", "violation", "other"]);

const reportSchema = z.object({
  account_id: z.string({ error: "Account can't be blank" }),
  status_ids: list(z.string()).optional(),
  comment: z.string().optional(),
  forward: flag.optional(),
  forward_to_domains: list(z.string()).optional(),
  category: reportCategory.optional(),
  rule_ids: list(z.string()).optional(),
});

/** Report routes. */
export function reportsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.post("/", requireUser("write:reports"), async (c) => {
    const parsed = await parseParams(c, reportSchema);
    if (!parsed.ok) return parsed.response;
    const input = parsed.value;
    if (!isId(input.account_id) || !(input.status_ids ?? []).every(isId)) return notFound(c);
    const filed = await c.var.deps.services.fileReport({
      origin: "local",
      accountId: viewerId(c),
      targetAccountId: input.account_id,
      statusIds: input.status_ids,
      comment: input.comment,
      forward: input.forward,
      forwardToDomains: input.forward_to_domains?.map((d) => d.toLowerCase()),
      category: input.category,
      ruleIds: input.rule_ids?.filter((id) => id !== ""),
    });
    if (!filed.ok) return failureResponse(c, filed);
    const entity = await renderReport(c, filed.value);
    return entity ? c.json(entity) : notFound(c);
  });
  return routes;
}
