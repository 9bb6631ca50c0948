// Who gets a new status in their home timeline.
// Rules follow Mastodon's FanOutOnWriteService and FeedManager#filter_from_home?
import { findLocalFollowerIds } from "../../../db/queries/follows.ts";
import { insertHomeEntries } from "../../../db/queries/home-timeline.ts";
import type { AccountRow } from "../../../db/queries/accounts.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Tx } from "../context.ts";

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
