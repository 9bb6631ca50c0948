// Resolving and reopening a report, audited. The reporter is told: a local
// one by a notification (type admin.report carrying its Report, see ADR 23),
// a remote instance by Parley's Flag outcome (report.resolved, an Accept of
// its Flag sent back from the instance actor).
import { findAccountById } from "../../../db/queries/accounts.ts";
import { findReportById, type ReportRow, updateReport } from "../../../db/queries/reports.ts";
import type { Id } from "../../../db/schema/index.ts";
import { INSTANCE_ACTOR } from "../../domain/instance-actor.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type Emit, type ServiceDeps, type Tx, writeTransaction } from "../context.ts";
import { type Moderator, recordAudit } from "../moderation/audit.ts";
import { notifyOfReport } from "./report-notifications.ts";

/** What the resolving moderator did, as account actions name it; "none" when nothing was needed. */
export const DEFAULT_ACTION = "none";

async function tellReporter(deps: ServiceDeps, tx: Tx, emit: Emit, report: ReportRow): Promise<void> {
  const reporter = await findAccountById(tx, report.account_id);
  if (!reporter) return;
  if (reporter.domain === null) {
    await notifyOfReport(deps, tx, emit, report, [reporter.id]);
  } else if (report.uri) {
    emit({ type: "report.resolved", reportId: report.id, activityId: deps.uris.activity(INSTANCE_ACTOR, "flag-outcome", deps.ids.next()) }, { federate: true });
  }
}

/**
 * Resolves a report with the action taken ("none", or what an account action did), audited;
 * account actions given a report_id call this. A resolved report stays as it was.
 */
export async function resolveReport(deps: ServiceDeps, moderator: Moderator, reportId: Id, actionTaken: string = DEFAULT_ACTION): Promise<Result<ReportRow>> {
  return writeTransaction(deps, async (tx, emit) => {
    const report = await findReportById(tx, reportId);
    if (!report) return fail("not-found", "Record not found");
    if (report.action_taken_at !== null) return ok(report);
    const now = Date.now();
    const changes = { action_taken_at: now, action_taken_by_account_id: moderator.accountId, action_taken: actionTaken, updated_at: now };
    await updateReport(tx, report.id, changes);
    await recordAudit(deps, tx, moderator, { action: "report.resolve", targetType: "report", targetId: report.id, data: { action_taken: actionTaken } });
    const resolved = { ...report, ...changes };
    await tellReporter(deps, tx, emit, resolved);
    return ok(resolved);
  });
}

/** Reopens a resolved report, audited. */
export async function reopenReport(deps: ServiceDeps, moderator: Moderator, reportId: Id): Promise<Result<ReportRow>> {
  return writeTransaction(deps, async (tx) => {
    const report = await findReportById(tx, reportId);
    if (!report) return fail("not-found", "Record not found");
    if (report.action_taken_at === null) return ok(report);
    const changes = { action_taken_at: null, action_taken_by_account_id: null, action_taken: null, updated_at: Date.now() };
    await updateReport(tx, report.id, changes);
    await recordAudit(deps, tx, moderator, { action: "report.reopen", targetType: "report", targetId: report.id, data: { was: report.action_taken } });
    return ok({ ...report, ...changes });
  });
}
