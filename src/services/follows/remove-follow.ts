// Removing a follow or a pending request from inside a transaction, with the
// counters and home-timeline cleanup. Unfollow, reject and block share it.
import { deleteAccountPin } from "../../../db/queries/account-pins.ts";
import { adjustAccountCounter } from "../../../db/queries/accounts.ts";
import { writeFollowLanguages } from "../../../db/queries/follow-options.ts";
import { deleteFollow, findFollow, type FollowRow } from "../../../db/queries/follows.ts";
import { deleteHomeEntriesByAuthor } from "../../../db/queries/home-timeline.ts";
import { deleteNotificationsOf } from "../../../db/queries/notifications.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Tx } from "../context.ts";

/** Deletes follower→target (follow or request); returns the removed row, if any. */
export async function removeFollow(tx: Tx, followerId: Id, targetId: Id): Promise<FollowRow | undefined> {
  // The follower's language choice ends with the follow or request.
  await writeFollowLanguages(tx, followerId, targetId, null);
  const follow = await findFollow(tx, "follows", followerId, targetId);
  if (follow) {
    await deleteFollow(tx, "follows", followerId, targetId);
    await adjustAccountCounter(tx, followerId, "following_count", -1);
    await adjustAccountCounter(tx, targetId, "followers_count", -1);
    await deleteHomeEntriesByAuthor(tx, followerId, targetId);
    // An endorsement lives as long as the follow (Mastodon's Follow#remove_endorsements).
    await deleteAccountPin(tx, followerId, targetId);
    return follow;
  }
  const request = await findFollow(tx, "follow_requests", followerId, targetId);
  if (request) {
    await deleteFollow(tx, "follow_requests", followerId, targetId);
    await deleteNotificationsOf(tx, { type: "follow_request", fromAccountId: followerId, accountId: targetId });
  }
  return request;
}
