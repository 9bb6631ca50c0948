// Notifications as Mastodon's Notification entity, from a page of rows with
// their senders and statuses loaded in batch.
import type { NotificationRow } from "../../db/queries/notifications.ts";
import type { RelatedPage } from "../../db/queries/related-page.ts";
import { reportIdOfGroupKey } from "../domain/report-notifications.ts";
import { type AccountEntity, serializeAccount } from "./account.ts";
import { serializeAccountWarning } from "./account-warning.ts";
import { type EntityContext, isoTime } from "./context.ts";
import { type ReportEntity, serializeReport } from "./report.ts";
import { type StatusEntity, serializeStatus } from "./status.ts";

export interface NotificationEntity {
  id: string;
  type: string;
  created_at: string;
  group_key: string;
  account: AccountEntity;
  status?: StatusEntity;
  report?: ReportEntity;
  moderation_warning?: ReturnType<typeof serializeAccountWarning>;
}

/** The group key of a notification; rows from before grouping are ungrouped. */
export function groupKeyOf(row: Pick<NotificationRow, "id" | "group_key">): string {
  return row.group_key ?? `ungrouped-${row.id}`;
}

/** Serializes one notification; null when its sender or status is gone. */
export function serializeNotification(ctx: EntityContext, page: RelatedPage, row: NotificationRow): NotificationEntity | null {
  const account = page.accounts.get(row.from_account_id);
  if (!account) return null;
  const statusRow = row.status_id ? page.statuses.statuses.get(row.status_id) : undefined;
  const status = statusRow ? serializeStatus(ctx, page.statuses, statusRow) : null;
  if (row.status_id && !status) return null;
  const warning = row.account_warning_id ? page.warnings.get(row.account_warning_id) : undefined;
  const report = row.type === "admin.report" ? page.reports.get(reportIdOfGroupKey(row.group_key) ?? "") : undefined;
  return {
    id: row.id,
    type: row.type,
    created_at: isoTime(row.created_at),
    group_key: groupKeyOf(row),
    account: serializeAccount(ctx, account),
    ...(status ? { status } : {}),
    ...(warning ? { moderation_warning: serializeAccountWarning(ctx, warning, account) } : {}),
    ...(report ? { report: serializeReport(ctx, report.report, report.target) } : {}),
  };
}

/** Serializes notifications in order, leaving out those whose sender or status is gone. */
export function serializeNotifications(ctx: EntityContext, page: RelatedPage, rows: readonly NotificationRow[]): NotificationEntity[] {
  return rows.flatMap((row) => serializeNotification(ctx, page, row) ?? []);
}
