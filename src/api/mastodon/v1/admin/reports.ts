// /api/v1/admin/reports: Mastodon's report queue for staff with
// manage_reports (list by resolved, account_id, target_account_id and
// by_target_domain; show, re-categorize, assign, resolve, reopen), and
// Parley's report notes (GET/POST /api/v1/admin/reports/:id/notes).
import { Hono } from "hono";
import type { Context } from "hono";
import { z } from "zod";
import { findReportById, listReportNotes, pageReports, type ReportRow } from "../../../../../db/queries/reports.ts";
import { isId } from "../../../../domain/ids.ts";
import type { Result } from "../../../../domain/result.ts";
import { serializeReportNote } from "../../../../entities/admin-report.ts";
import { parseParams } from "../../body.ts";
import type { ApiEnv } from "../../env.ts";
import { failureResponse, notFound } from "../../errors.ts";
import { moderatorOf, requireStaff } from "../../middleware/staff.ts";
import { readKeysetPage } from "../../pagination.ts";
import { idParam, list } from "../../params.ts";
import { renderAdminReports } from "../../render-reports.ts";
import { reportCategory } from "../reports.ts";

const READ = requireStaff("manage_reports", "admin:read:reports");
const WRITE = requireStaff("manage_reports", "admin:write:reports");

const updateSchema = z.object({ category: reportCategory.optional(), rule_ids: list(z.string()).optional() });
const noteSchema = z.object({ content: z.string({ error: "Content can't be blank" }) });

async function respond(c: Context<ApiEnv>, result: Result<ReportRow>): Promise<Response> {
  if (!result.ok) return failureResponse(c, result);
  const [entity] = await renderAdminReports(c, [result.value]);
  return entity ? c.json(entity) : notFound(c);
}

const optionalId = (value: string | undefined) => (value && isId(value) ? value : undefined);

/** The admin report routes. */
export function adminReportsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", READ, async (c) => {
    // Mastodon lists open reports unless resolved=true is asked.
    const resolved = ["true", "1"].includes(c.req.query("resolved") ?? "");
    const filter = {
      resolved,
      accountId: optionalId(c.req.query("account_id")),
      targetAccountId: optionalId(c.req.query("target_account_id")),
      targetDomain: c.req.query("by_target_domain") || undefined,
    };
    const rows = await readKeysetPage(c, (range) => pageReports(c.var.deps.db, filter, range), (row) => row.id, { defaultLimit: 100, maxLimit: 200 });
    return c.json(await renderAdminReports(c, rows));
  });

  routes.get("/:id", READ, async (c) => {
    const report = await findReportById(c.var.deps.db, idParam(c));
    return report ? respond(c, { ok: true, value: report }) : notFound(c);
  });

  routes.put("/:id", WRITE, async (c) => {
    const parsed = await parseParams(c, updateSchema);
    if (!parsed.ok) return parsed.response;
    const input = { category: parsed.value.category, ruleIds: parsed.value.rule_ids?.filter((id) => id !== "") };
    return respond(c, await c.var.deps.services.updateReportCategory(moderatorOf(c), idParam(c), input));
  });

  routes.post("/:id/assign_to_self", WRITE, async (c) =>
    respond(c, await c.var.deps.services.assignReport(moderatorOf(c), idParam(c), moderatorOf(c).accountId)));
  routes.post("/:id/unassign", WRITE, async (c) => respond(c, await c.var.deps.services.assignReport(moderatorOf(c), idParam(c), null)));
  routes.post("/:id/resolve", WRITE, async (c) => respond(c, await c.var.deps.services.resolveReport(moderatorOf(c), idParam(c))));
  routes.post("/:id/reopen", WRITE, async (c) => respond(c, await c.var.deps.services.reopenReport(moderatorOf(c), idParam(c))));

  routes.get("/:id/notes", READ, async (c) => {
    const report = await findReportById(c.var.deps.db, idParam(c));
    if (!report) return notFound(c);
    return c.json((await listReportNotes(c.var.deps.db, report.id)).map(serializeReportNote));
  });

  routes.post("/:id/notes", WRITE, async (c) => {
    const parsed = await parseParams(c, noteSchema);
    if (!parsed.ok) return parsed.response;
    const added = await c.var.deps.services.addReportNote(moderatorOf(c), idParam(c), parsed.value.content);
    return added.ok ? c.json(serializeReportNote(added.value)) : failureResponse(c, added);
  });

  return routes;
}
