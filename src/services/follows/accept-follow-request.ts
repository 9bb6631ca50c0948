// Accepting a follow request: a local locked account approving a follower
// (API), or a remote account accepting a local user's request (inbound Accept).
import { deleteFollow, findFollow } from "../../../db/queries/follows.ts";
import { deleteNotificationsOf } from "../../../db/queries/notifications.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Origin } from "../../domain/events.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { establishFollow } from "./establish-follow.ts";
import { loadAccountPair } from "./load-pair.ts";

export interface FollowDecisionInput {
  followerId: Id;
  targetId: Id;
  origin: Origin;
}

/** Turns a pending request into a follow; idempotent when already following. */
export async function acceptFollowRequest(deps: ServiceDeps, input: FollowDecisionInput): Promise<Result<void>> {
  const pair = await loadAccountPair(deps.db, input.followerId, input.targetId);
  if (!pair.ok) return pair;
  const [follower, target] = pair.value;
  // Whoever decides is the target: locally a local target, remotely a remote one.
  if ((input.origin === "local") !== (target.domain === null)) return fail("forbidden", "Only the followed account decides");

  return writeTransaction(deps, async (tx, emit) => {
    const request = await findFollow(tx, "follow_requests", follower.id, target.id);
    if (!request) {
      return (await findFollow(tx, "follows", follower.id, target.id)) ? ok(undefined) : fail("not-found", "Follow request not found");
    }
    await deleteFollow(tx, "follow_requests", follower.id, target.id);
    const targetIsLocal = target.domain === null;
    await establishFollow(deps, tx, emit, {
      followerId: follower.id,
      targetId: target.id,
      uri: request.uri,
      targetIsLocal,
      notify: false,
      options: { showReblogs: request.show_reblogs === 1, notify: request.notify === 1 },
    });
    if (targetIsLocal) {
      await deleteNotificationsOf(tx, { type: "follow_request", fromAccountId: follower.id, accountId: target.id });
      if (follower.domain !== null) {
        const activityId = deps.uris.activity(target.username, "accepts", deps.ids.next());
        emit({ type: "follow.accepted", followerId: follower.id, targetId: target.id, uri: request.uri, activityId }, { federate: true });
      }
    }
    return ok(undefined);
  });
}
