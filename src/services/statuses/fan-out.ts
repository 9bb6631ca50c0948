// Who gets a new status in their home timeline and who is notified of it.
// Rules follow Mastodon's FanOutOnWriteService and FeedManager#filter_from_home?
import { findLocalFollowerIds } from "../../../db/queries/follows.ts";
import { insertHomeEntries } from "../../../db/queries/home-timeline.ts";
import { insertNotification } from "../../../db/queries/notifications.ts";
import type { AccountRow } from "../../../db/queries/accounts.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import type { Id, NotificationType } from "../../../db/schema/index.ts";
import type { Emit, ServiceDeps, Tx } from "../context.ts";

/** Puts a status into the home timelines that should show it. */
export async function fanOutToHomes(tx: Tx, author: AccountRow, status: StatusRow, localMentionIds: readonly Id[]): Promise<void> {
  const readers: Id[] = author.domain === null ? [author.id] : [];
  const followers = await findLocalFollowerIds(tx, author.id);
  if (status.visibility === "direct") {
    // Direct: only mentioned accounts that follow the author see it at home.
    readers.push(...followers.filter((id) => localMentionIds.includes(id)));
  } else if (status.in_reply_to_account_id && status.in_reply_to_account_id !== author.id) {
    // A reply to someone else shows only to those who follow both (Mastodon's home filter).
    const parentFollowers = new Set(await findLocalFollowerIds(tx, status.in_reply_to_account_id));
    readers.push(...followers.filter((id) => parentFollowers.has(id) || id === status.in_reply_to_account_id));
  } else {
    readers.push(...followers);
  }
  await insertHomeEntries(tx, readers, status.id);
}

/** Creates one notification per local recipient and reports each as an event. */
export async function notifyAccounts(
  deps: ServiceDeps,
  tx: Tx,
  emit: Emit,
  what: { type: NotificationType; fromAccountId: Id; statusId: Id | null; recipientIds: readonly Id[] },
): Promise<void> {
  for (const accountId of new Set(what.recipientIds)) {
    if (accountId === what.fromAccountId) continue;
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
