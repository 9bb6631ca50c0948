// Notifications are created inside the write transaction that caused them and
// reported as events, so streaming and push (later) see them after commit.
import { insertNotification } from "../../../db/queries/notifications.ts";
import { findRecipientsSilencing } from "../../../db/queries/hidden-accounts.ts";
import type { Id, NotificationType } from "../../../db/schema/index.ts";
import type { Emit, ServiceDeps, Tx } from "../context.ts";

/** Creates one notification per local recipient and reports each as an event. */
export async function notifyAccounts(
  deps: ServiceDeps,
  tx: Tx,
  emit: Emit,
  what: { type: NotificationType; fromAccountId: Id; statusId: Id | null; recipientIds: readonly Id[] },
): Promise<void> {
  // Blocks, notification mutes and domain blocks silence the sender, in one query for all recipients.
  const silenced = await findRecipientsSilencing(tx, what.fromAccountId, [...new Set(what.recipientIds)]);
  for (const accountId of new Set(what.recipientIds)) {
    if (accountId === what.fromAccountId || silenced.has(accountId)) continue;
    const notificationId = deps.ids.next();
    await insertNotification(tx, {
      id: notificationId,
      account_id: accountId,
      from_account_id: what.fromAccountId,
      type: what.type,
      status_id: what.statusId,
      created_at: Date.now(),
    });
    emit({ type: "notification.created", notificationId, accountId });
  }
}
