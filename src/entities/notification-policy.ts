// The notification policy (API v2) and notification requests as Mastodon's
// NotificationPolicy and NotificationRequest entities.
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { NotificationRequestRow } from "../../db/queries/notification-requests.ts";
import type { StatusPage } from "../../db/queries/status-page.ts";
import type { Id } from "../../db/schema/index.ts";
import type { PolicySettings } from "../../db/schema/timelines.ts";
import { serializeAccount } from "./account.ts";
import { type EntityContext, isoTime } from "./context.ts";
import { serializeStatus } from "./status.ts";

/** Serializes the policy with the summary of what it holds back. */
export function serializeNotificationPolicy(settings: PolicySettings, summary: { notifications: number; requests: number }) {
  return {
    for_not_following: settings.for_not_following,
    for_not_followers: settings.for_not_followers,
    for_new_accounts: settings.for_new_accounts,
    for_private_mentions: settings.for_private_mentions,
    for_limited_accounts: settings.for_limited_accounts,
    summary: { pending_requests_count: summary.requests, pending_notifications_count: summary.notifications },
  };
}

/** Serializes requests whose senders and last statuses were loaded in batch. */
export function serializeNotificationRequests(
  ctx: EntityContext,
  rows: readonly NotificationRequestRow[],
  accounts: Map<Id, AccountRow>,
  statuses: StatusPage,
) {
  return rows.flatMap((row) => {
    const account = accounts.get(row.from_account_id);
    if (!account) return [];
    const last = row.last_status_id ? statuses.statuses.get(row.last_status_id) : undefined;
    return [{
      id: row.id,
      created_at: isoTime(row.created_at),
      updated_at: isoTime(row.updated_at),
      // Mastodon sends this count as a string.
      notifications_count: String(row.notifications_count),
      account: serializeAccount(ctx, account),
      last_status: last ? serializeStatus(ctx, statuses, last) : null,
    }];
  });
}
