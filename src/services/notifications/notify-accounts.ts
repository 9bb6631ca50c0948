// Notifications are created inside the write transaction that caused them and
// reported as events, so streaming and Web Push see them after commit.
// Local and federated actions both come here, so the recipient's notification
// policy applies to both: drop creates nothing, filter files it under a request.
import { findRecentGroupKey, insertNotification } from "../../../db/queries/notifications.ts";
import { upsertNotificationRequest } from "../../../db/queries/notification-requests.ts";
import { findRecipientsSilencing } from "../../../db/queries/hidden-accounts.ts";
import { findAccountsMutingThreadOf } from "../../../db/queries/conversation-mutes.ts";
import type { Id, NotificationType } from "../../../db/schema/index.ts";
import type { Emit, ServiceDeps, Tx } from "../context.ts";
import { policyVerdict } from "./notification-policy.ts";

// Mastodon groups these by status (or, for follows, by type) within 12 hours.
const GROUPABLE: readonly NotificationType[] = ["favourite", "reblog", "follow"];
const GROUP_SPAN_MS = 12 * 3600_000;

interface NotificationFacts {
  type: NotificationType;
  fromAccountId: Id;
  statusId: Id | null;
}

async function groupKeyFor(tx: Tx, recipientId: Id, what: NotificationFacts, notificationId: Id, now: number): Promise<string> {
  if (!GROUPABLE.includes(what.type)) return `ungrouped-${notificationId}`;
  const recent = await findRecentGroupKey(tx, { accountId: recipientId, type: what.type, statusId: what.statusId, since: now - GROUP_SPAN_MS });
  return recent ?? [what.type, what.statusId, Math.floor(now / 3600_000)].filter((part) => part !== null).join("-");
}

/** Creates one notification per local recipient, as their policy says, and reports the shown ones. */
export async function notifyAccounts(
  deps: ServiceDeps,
  tx: Tx,
  emit: Emit,
  what: NotificationFacts & { recipientIds: readonly Id[] },
): Promise<void> {
  // Blocks, notification mutes and domain blocks silence the sender, in one query for all recipients.
  const silenced = await findRecipientsSilencing(tx, what.fromAccountId, [...new Set(what.recipientIds)]);
  // So does a muted conversation, for anything about its statuses (Mastodon's NotifyService#conversation_muted?).
  const mutedThread = what.statusId ? await findAccountsMutingThreadOf(tx, what.statusId, [...new Set(what.recipientIds)]) : new Set<Id>();
  for (const accountId of new Set(what.recipientIds)) {
    // One's own poll ending is the one thing one is told about oneself (Mastodon's DismissCondition#dismiss?).
    if ((accountId === what.fromAccountId && what.type !== "poll") || silenced.has(accountId) || mutedThread.has(accountId)) continue;
    const verdict = await policyVerdict(tx, { recipientId: accountId, senderId: what.fromAccountId, type: what.type, statusId: what.statusId });
    if (verdict === "drop") continue;
    const notificationId = deps.ids.next();
    const now = Date.now();
    await insertNotification(tx, {
      id: notificationId,
      account_id: accountId,
      from_account_id: what.fromAccountId,
      type: what.type,
      status_id: what.statusId,
      created_at: now,
      group_key: await groupKeyFor(tx, accountId, what, notificationId, now),
      filtered: verdict === "filter" ? 1 : 0,
    });
    if (verdict === "filter") {
      await upsertNotificationRequest(tx, {
        id: deps.ids.next(),
        account_id: accountId,
        from_account_id: what.fromAccountId,
        last_status_id: what.statusId,
        created_at: now,
        updated_at: now,
      });
    } else {
      emit({ type: "notification.created", notificationId, accountId });
    }
  }
}
