// The one place a follow becomes real: row, counters, and the follow
// notification. Used by direct follows and by accepted requests.
import { adjustAccountCounter } from "../../../db/queries/accounts.ts";
import { insertFollow } from "../../../db/queries/follows.ts";
import { notifyAccounts } from "../notifications/notify-accounts.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Emit, ServiceDeps, Tx } from "../context.ts";

export interface FollowFacts {
  followerId: Id;
  targetId: Id;
  uri: string;
  targetIsLocal: boolean;
  notify: boolean;
  /** The follower's choices: boosts shown (default yes), post notifications (default no). */
  options?: { showReblogs?: boolean; notify?: boolean };
}

/** Inserts the follow, bumps both counters, notifies a local target. */
export async function establishFollow(deps: ServiceDeps, tx: Tx, emit: Emit, facts: FollowFacts): Promise<void> {
  await insertFollow(tx, "follows", {
    id: deps.ids.next(),
    account_id: facts.followerId,
    target_account_id: facts.targetId,
    uri: facts.uri,
    show_reblogs: facts.options?.showReblogs === false ? 0 : 1,
    notify: facts.options?.notify ? 1 : 0,
    created_at: Date.now(),
  });
  await adjustAccountCounter(tx, facts.followerId, "following_count", 1);
  await adjustAccountCounter(tx, facts.targetId, "followers_count", 1);
  if (facts.targetIsLocal && facts.notify) {
    await notifyAccounts(deps, tx, emit, { type: "follow", fromAccountId: facts.followerId, statusId: null, recipientIds: [facts.targetId] });
  }
}
