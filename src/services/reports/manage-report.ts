// A report in the moderators' queue: assigning it, re-categorizing it, notes
// on it, and the outcome a remote instance sent back for a forwarded one.
// Every change by staff is audited.
import { findAccountById } from "../../../db/queries/accounts.ts";
import { findReportById, findReportByUri, insertReportNote, type ReportNoteRow, type ReportRow, updateReport } from "../../../db/queries/reports.ts";
import { findActiveStaff } from "../../../db/queries/users.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { ReportCategory } from "../../../db/schema/reports.ts";
import { can } from "../../domain/roles.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, type Tx, writeTransaction } from "../context.ts";
import { type Moderator, recordAudit } from "../moderation/audit.ts";
import { checkRules } from "./file-report.ts";

const MAX_NOTE = 500;

async function withReport<T>(
  deps: ServiceDeps,
  reportId: Id,
  fn: (tx: Tx, report: ReportRow) => Promise<Result<T>>,
): Promise<Result<T>> {
  return writeTransaction(deps, async (tx) => {
    const report = await findReportById(tx, reportId);
    return report ? fn(tx, report) : fail("not-found", "Record not found");
  });
}

/** Assigns the report to a staff account who may handle reports, or to nobody (null). */
export async function assignReport(deps: ServiceDeps, moderator: Moderator, reportId: Id, assigneeId: Id | null): Promise<Result<ReportRow>> {
  if (assigneeId !== null) {
    const staff = await findActiveStaff(deps.db, assigneeId);
    if (!staff || !can(staff.role, "manage_reports")) return fail("validation", "Validation failed: the assignee may not handle reports");
  }
  return withReport(deps, reportId, async (tx, report) => {
    const changes = { assigned_account_id: assigneeId, updated_at: Date.now() };
    await updateReport(tx, report.id, changes);
    const action = assigneeId === null ? "report.unassign" : "report.assign";
    await recordAudit(deps, tx, moderator, { action, targetType: "report", targetId: report.id, data: { from: report.assigned_account_id, to: assigneeId } });
    return ok({ ...report, ...changes });
  });
}

/** Changes a report's category and cited rules (PUT /api/v1/admin/reports/:id). */
export async function updateReportCategory(
  deps: ServiceDeps,
  moderator: Moderator,
  reportId: Id,
  input: { category?: ReportCategory; ruleIds?: readonly Id[] },
): Promise<Result<ReportRow>> {
  const ruleIds = input.ruleIds ? [...new Set(input.ruleIds)] : undefined;
  if (ruleIds && !(await checkRules(deps, ruleIds))) return fail("validation", "Validation failed: Rule ids are invalid");
  return withReport(deps, reportId, async (tx, report) => {
    const category = input.category ?? (ruleIds?.length ? "violation" : report.category);
    const changes = { category, rule_ids: JSON.stringify(category === "violation" ? (ruleIds ?? JSON.parse(report.rule_ids)) : []), updated_at: Date.now() };
    await updateReport(tx, report.id, changes);
    await recordAudit(deps, tx, moderator, {
      action: "report.update",
      targetType: "report",
      targetId: report.id,
      data: { from: { category: report.category, rule_ids: JSON.parse(report.rule_ids) }, to: { category, rule_ids: JSON.parse(changes.rule_ids) } },
    });
    return ok({ ...report, ...changes });
  });
}

/** Adds a moderator's note to a report. */
export async function addReportNote(deps: ServiceDeps, moderator: Moderator, reportId: Id, content: string): Promise<Result<ReportNoteRow>> {
  const text = content.trim();
  if (!text) return fail("validation", "Validation failed: Content can't be blank");
  if ([...text].length > MAX_NOTE) return fail("validation", `Validation failed: Content is too long (maximum is ${MAX_NOTE} characters)`);
  return withReport(deps, reportId, async (tx, report) => {
    const note: ReportNoteRow = { id: deps.ids.next(), report_id: report.id, account_id: moderator.accountId, author_name: moderator.name, content: text, created_at: Date.now() };
    await insertReportNote(tx, note);
    await updateReport(tx, report.id, { updated_at: note.created_at });
    await recordAudit(deps, tx, moderator, { action: "report.note", targetType: "report", targetId: report.id, data: { note_id: note.id } });
    return ok(note);
  });
}

/**
 * Records the outcome the target's instance sent back for a report Parley forwarded
 * (Parley's Flag outcome): only that instance may say, and a note tells the moderators.
 */
export async function recordRemoteOutcome(deps: ServiceDeps, input: { flagUri: string; senderId: Id; actionTaken: string }): Promise<Result<ReportRow>> {
  const [report, sender] = await Promise.all([findReportByUri(deps.db, input.flagUri), findAccountById(deps.db, input.senderId)]);
  if (!report || report.forwarded !== 1 || !sender?.domain) return fail("not-found", "Record not found");
  const target = await findAccountById(deps.db, report.target_account_id);
  if (target?.domain !== sender.domain) return fail("forbidden", "Only the reported account's instance may resolve a forwarded report");
  return writeTransaction(deps, async (tx) => {
    const now = Date.now();
    const changes = { remote_action_taken: input.actionTaken.slice(0, 100), remote_resolved_at: now, updated_at: now };
    await updateReport(tx, report.id, changes);
    await insertReportNote(tx, {
      id: deps.ids.next(),
      report_id: report.id,
      account_id: null,
      author_name: sender.domain!,
      content: `${sender.domain} resolved the forwarded report (action: ${changes.remote_action_taken})`,
      created_at: now,
    });
    return ok({ ...report, ...changes });
  });
}
