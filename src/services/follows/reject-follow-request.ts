// Rejecting a follower: a local account declining a request or removing a
// follower (API), or a remote account rejecting a local user (inbound Reject).
import { ok, fail, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import type { FollowDecisionInput } from "./accept-follow-request.ts";
import { loadAccountPair } from "./load-pair.ts";
import { removeFollow } from "./remove-follow.ts";

/** Removes the request or the follow; a local decision is sent as Reject. */
export async function rejectFollowRequest(deps: ServiceDeps, input: FollowDecisionInput): Promise<Result<void>> {
  const pair = await loadAccountPair(deps.db, input.followerId, input.targetId);
  if (!pair.ok) return pair;
  const [follower, target] = pair.value;
  if ((input.origin === "local") !== (target.domain === null)) return fail("forbidden", "Only the followed account decides");

  return writeTransaction(deps, async (tx, emit) => {
    const removed = await removeFollow(tx, follower.id, target.id);
    if (!removed) return fail("not-found", "Follow request not found");
    if (target.domain === null && follower.domain !== null) {
      const activityId = deps.uris.activity(target.username, "rejects", deps.ids.next());
      emit({ type: "follow.rejected", followerId: follower.id, targetId: target.id, uri: removed.uri, activityId }, { federate: true });
    }
    return ok(undefined);
  });
}
