// Who gets a new status in their home timeline (and, having asked for them,
// a notification of the author's posts).
// Rules follow Mastodon's FanOutOnWriteService and FeedManager#filter_from_home?
// (and #filter_from_tags? for followers of the status's hashtags): readers
// hiding the author, a boosted author or a mentioned account (block, mute,
// domain block), or blocked by the author, don't get it. A fixed number of
// queries whatever the audience.
import { findFollowLanguages } from "../../../db/queries/follow-options.ts";
import { findLocalFollowerIds } from "../../../db/queries/follows.ts";
import { findReadersHiding } from "../../../db/queries/hidden-accounts.ts";
import { findLocalReblogReaderIds, findNotifyingFollowerIds, findTagFollowerIds } from "../../../db/queries/home-audience.ts";
import { insertHomeEntries } from "../../../db/queries/home-timeline.ts";
import type { AccountRow } from "../../../db/queries/accounts.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Emit, ServiceDeps, Tx } from "../context.ts";
import { notifyAccounts } from "../notifications/notify-accounts.ts";

/** Drops the readers who hide any of the accounts involved; the actor always sees their own. */
async function withoutHiding(tx: Tx, readers: readonly Id[], actor: AccountRow, involved: { accounts: AccountRow[]; statusId: Id }): Promise<Id[]> {
  const hiding = await findReadersHiding(tx, { actors: [actor, ...involved.accounts], mentionsOf: involved.statusId });
  return readers.filter((id) => id === actor.id || !hiding.has(id));
}

/** Puts a status into the home timelines that should show it; returns whose. */
export async function fanOutToHomes(tx: Tx, author: AccountRow, status: StatusRow, localMentionIds: readonly Id[]): Promise<Id[]> {
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
  // Followers who chose languages get only those (a status without a language passes).
  const languages = status.language ? await findFollowLanguages(tx, author.id) : new Map<Id, string[]>();
  const wanted = readers.filter((id) => !languages.get(id) || languages.get(id)!.includes(status.language!));
  // Followers of its hashtags get a public status too, replies included (Mastodon's deliver_to_hashtag_followers).
  if (status.visibility === "public") wanted.push(...(await findTagFollowerIds(tx, status.id)));
  const homes = await withoutHiding(tx, wanted, author, { accounts: [], statusId: status.id });
  await insertHomeEntries(tx, homes, status.id);
  return homes;
}

/**
 * Notifies the followers who asked for the author's posts (Relationship.notifying)
 * and got this one at home; not for replies to others (Mastodon's FeedInsertWorker).
 */
export async function notifyPostSubscribers(deps: ServiceDeps, tx: Tx, emit: Emit, author: AccountRow, status: StatusRow, homes: readonly Id[]): Promise<void> {
  const isReply = status.in_reply_to_id !== null || status.in_reply_to_uri !== null;
  if (status.reblog_of_id !== null || (isReply && status.in_reply_to_account_id !== author.id)) return;
  const got = new Set(homes);
  const subscribers = (await findNotifyingFollowerIds(tx, author.id)).filter((id) => got.has(id));
  await notifyAccounts(deps, tx, emit, { type: "status", fromAccountId: author.id, statusId: status.id, recipientIds: subscribers });
}

/** Puts a reblog into the homes of the reblogger's followers who show their boosts. */
export async function fanOutReblogToHomes(tx: Tx, reblogger: AccountRow, reblog: StatusRow, original: StatusRow, originalAuthor: AccountRow): Promise<void> {
  const readers = (await findLocalReblogReaderIds(tx, reblogger.id)).filter((id) => id !== original.account_id);
  if (reblogger.domain === null) readers.push(reblogger.id);
  await insertHomeEntries(tx, await withoutHiding(tx, readers, reblogger, { accounts: [originalAuthor], statusId: original.id }), reblog.id);
}
