// Follow: a local user following anyone (API) and a remote actor following a
// local user (inbound Follow) go through here.
import { isBlockedEitherWay } from "../../../db/queries/blocks.ts";
import { isDomainBlockedBy } from "../../../db/queries/account-domain-blocks.ts";
import { updateFollowOptions, writeFollowLanguages } from "../../../db/queries/follow-options.ts";
import { findFollow, insertFollow } from "../../../db/queries/follows.ts";
import { notifyAccounts } from "../notifications/notify-accounts.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Origin } from "../../domain/events.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { establishFollow } from "./establish-follow.ts";
import { loadAccountPair } from "./load-pair.ts";

export interface FollowInput {
  followerId: Id;
  targetId: Id;
  origin: Origin;
  /** The Follow activity's id; minted here for local follows. */
  uri?: string;
  /** A local follower's choices (POST /api/v1/accounts/:id/follow); given ones update an existing follow too. */
  options?: FollowOptions;
}

export interface FollowOptions {
  /** Boosts by the target enter the follower's home (default true). */
  showReblogs?: boolean;
  /** Notify the follower of the target's posts (default false). */
  notify?: boolean;
  /** Only posts in these languages enter the home; null or empty: all. */
  languages?: string[] | null;
}

export type FollowState = "following" | "requested";

/** Follows or requests to follow; idempotent. Locked local targets get a request. */
export async function followAccount(deps: ServiceDeps, input: FollowInput): Promise<Result<{ state: FollowState }>> {
  const pair = await loadAccountPair(deps.db, input.followerId, input.targetId);
  if (!pair.ok) return pair;
  const [follower, target] = pair.value;
  if (input.origin === "local" && follower.domain !== null) return fail("forbidden", "Only local accounts act locally");
  if (input.origin === "remote" && target.domain !== null) return fail("forbidden", "Remote follows must target a local account");
  if (await isBlockedEitherWay(deps.db, follower.id, target.id)) return fail("forbidden", "This action is not allowed");
  // Either side blocking the other's domain refuses the follow (Mastodon's FollowService and Follow handler).
  if (
    (target.domain !== null && (await isDomainBlockedBy(deps.db, follower.id, target.domain))) ||
    (follower.domain !== null && (await isDomainBlockedBy(deps.db, target.id, follower.domain)))
  ) return fail("forbidden", "This action is not allowed");
  const options = input.options ?? {};

  return writeTransaction(deps, async (tx, emit) => {
    if (options.languages !== undefined) await writeFollowLanguages(tx, follower.id, target.id, options.languages);
    for (const [table, state] of [["follows", "following"], ["follow_requests", "requested"]] as const) {
      if (!(await findFollow(tx, table, follower.id, target.id))) continue;
      await updateFollowOptions(tx, table, follower.id, target.id, options);
      return ok({ state });
    }
    const followId = deps.ids.next();
    const uri = input.uri ?? deps.uris.activity(follower.username, "follows", followId);
    const targetIsLocal = target.domain === null;

    if (targetIsLocal && !target.locked) {
      await establishFollow(deps, tx, emit, { followerId: follower.id, targetId: target.id, uri, targetIsLocal, notify: true, options });
      if (follower.domain !== null) {
        const activityId = deps.uris.activity(target.username, "accepts", deps.ids.next());
        emit({ type: "follow.accepted", followerId: follower.id, targetId: target.id, uri, activityId }, { federate: true });
      }
      return ok({ state: "following" as const });
    }
    // A locked local account decides later; a remote account answers with Accept or Reject.
    await insertFollow(tx, "follow_requests", {
      id: followId,
      account_id: follower.id,
      target_account_id: target.id,
      uri,
      show_reblogs: options.showReblogs === false ? 0 : 1,
      notify: options.notify ? 1 : 0,
      created_at: Date.now(),
    });
    if (targetIsLocal) {
      await notifyAccounts(deps, tx, emit, { type: "follow_request", fromAccountId: follower.id, statusId: null, recipientIds: [target.id] });
    } else {
      emit({ type: "follow.requested", followerId: follower.id, targetId: target.id, uri }, { federate: true });
    }
    return ok({ state: "requested" as const });
  });
}
