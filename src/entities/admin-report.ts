// Reports as Mastodon's Admin::Report entity (the moderators' queue), with
// Parley's additions: the report's age and the outcome a remote instance sent
// back for a forwarded report.
import type { ReportPage } from "../../db/queries/report-page.ts";
import type { ReportNoteRow, ReportRow } from "../../db/queries/reports.ts";
import type { Id } from "../../db/schema/index.ts";
import { serializeAdminAccount } from "./admin-account.ts";
import { type EntityContext, isoTime } from "./context.ts";
import { reportBasics } from "./report.ts";
import { serializeRule } from "./rule.ts";
import { serializeStatus } from "./status.ts";

/** Serializes a report for staff; null when the filer or target account is gone. */
export function serializeAdminReport(ctx: EntityContext, page: ReportPage, report: ReportRow, now = Date.now()) {
  const filer = page.accounts.get(report.account_id);
  const target = page.accounts.get(report.target_account_id);
  if (!filer || !target) return null;
  const optional = (id: Id | null) => {
    const row = id === null ? undefined : page.accounts.get(id);
    return row ? serializeAdminAccount(ctx, row) : null;
  };
  const statusIds = JSON.parse(report.status_ids) as Id[];
  const ruleIds = JSON.parse(report.rule_ids) as Id[];
  return {
    ...reportBasics(report),
    updated_at: isoTime(report.updated_at),
    account: serializeAdminAccount(ctx, filer),
    target_account: serializeAdminAccount(ctx, target),
    assigned_account: optional(report.assigned_account_id),
    action_taken_by_account: optional(report.action_taken_by_account_id),
    statuses: statusIds.flatMap((id) => {
      const row = page.statusRows.get(id);
      return (row && serializeStatus(ctx, page.statuses, row)) ?? [];
    }),
    rules: ruleIds.flatMap((id) => {
      const rule = page.rules.get(id);
      return rule ? [serializeRule(rule)] : [];
    }),
    // Parley: seconds since filing (until resolution), and what was done here and on the target's instance.
    age_seconds: Math.floor(((report.action_taken_at ?? now) - report.created_at) / 1000),
    action_taken_name: report.action_taken,
    remote_outcome: report.remote_resolved_at === null ? null : { action_taken: report.remote_action_taken, resolved_at: isoTime(report.remote_resolved_at) },
  };
}

/** A report note as Parley's ReportNote JSON. */
export function serializeReportNote(note: ReportNoteRow) {
  return { id: note.id, report_id: note.report_id, account_id: note.account_id, author: note.author_name, content: note.content, created_at: isoTime(note.created_at) };
}
