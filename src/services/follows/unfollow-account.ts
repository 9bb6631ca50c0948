// Unfollow: a local user unfollowing (API) or a remote follower leaving
// (inbound Undo(Follow)). Pending requests are withdrawn the same way.
import { ok, fail, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import type { FollowDecisionInput } from "./accept-follow-request.ts";
import { loadAccountPair } from "./load-pair.ts";
import { removeFollow } from "./remove-follow.ts";

/** Removes follower→target; idempotent. A local follower's change is sent as Undo(Follow). */
export async function unfollowAccount(deps: ServiceDeps, input: FollowDecisionInput): Promise<Result<void>> {
  const pair = await loadAccountPair(deps.db, input.followerId, input.targetId);
  if (!pair.ok) return pair;
  const [follower, target] = pair.value;
  if ((input.origin === "local") !== (follower.domain === null)) return fail("forbidden", "Only the follower can unfollow");

  return writeTransaction(deps, async (tx, emit) => {
    const removed = await removeFollow(tx, follower.id, target.id);
    if (removed && follower.domain === null && target.domain !== null) {
      const activityId = deps.uris.activity(follower.username, "undo", deps.ids.next());
      emit({ type: "follow.undone", followerId: follower.id, targetId: target.id, uri: removed.uri, activityId }, { federate: true });
    }
    return ok(undefined);
  });
}
