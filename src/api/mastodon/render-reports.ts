// Reports rendered for the caller: Report for the filer, Admin::Report for staff.
import type { Context } from "hono";
import { findAccountById } from "../../../db/queries/accounts.ts";
import { loadReportPage } from "../../../db/queries/report-page.ts";
import type { ReportRow } from "../../../db/queries/reports.ts";
import { serializeAdminReport } from "../../entities/admin-report.ts";
import { serializeReport } from "../../entities/report.ts";
import { entityContext } from "./entity-context.ts";
import type { ApiEnv } from "./env.ts";

/** The filer's view of one report; null when its target account is gone. */
export async function renderReport(c: Context<ApiEnv>, report: ReportRow) {
  const target = await findAccountById(c.var.deps.db, report.target_account_id);
  return target ? serializeReport(entityContext(c), report, target) : null;
}

/** Staff's view of reports, in the given order, with a fixed number of queries. */
export async function renderAdminReports(c: Context<ApiEnv>, reports: readonly ReportRow[]) {
  const page = await loadReportPage(c.var.deps.db, reports, c.var.auth?.accountId ?? null);
  const now = Date.now();
  return reports.flatMap((report) => serializeAdminReport(entityContext(c), page, report, now) ?? []);
}
