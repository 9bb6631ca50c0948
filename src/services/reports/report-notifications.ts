// The admin.report notifications of a report, all from its filer (as
// Mastodon's are): to staff who handle reports when it is filed, and to a
// local filer when it is resolved. No block, mute or notification policy
// applies: these are not messages from anyone.
import { insertNotification } from "../../../db/queries/notifications.ts";
import { findReportHandlerIds, type ReportRow } from "../../../db/queries/reports.ts";
import type { Id } from "../../../db/schema/index.ts";
import { reportGroupKey } from "../../domain/report-notifications.ts";
import { can, ROLES } from "../../domain/roles.ts";
import type { Emit, ServiceDeps, Tx } from "../context.ts";

/** Notifies each recipient of the report, from its filer. */
export async function notifyOfReport(deps: ServiceDeps, tx: Tx, emit: Emit, report: ReportRow, recipientIds: readonly Id[]): Promise<void> {
  const now = Date.now();
  for (const accountId of new Set(recipientIds)) {
    const notificationId = deps.ids.next();
    await insertNotification(tx, {
      id: notificationId,
      account_id: accountId,
      from_account_id: report.account_id,
      type: "admin.report",
      status_id: null,
      created_at: now,
      group_key: reportGroupKey(report.id),
      filtered: 0,
    });
    emit({ type: "notification.created", notificationId, accountId });
  }
}

/** Tells the staff who handle reports (Mastodon's manage_reports) of a new one; the filer is not told of their own. */
export async function notifyStaffOfReport(deps: ServiceDeps, tx: Tx, emit: Emit, report: ReportRow): Promise<void> {
  const staff = await findReportHandlerIds(tx, ROLES.filter((role) => can(role, "manage_reports")));
  await notifyOfReport(deps, tx, emit, report, staff.filter((id) => id !== report.account_id && id !== report.target_account_id));
}
