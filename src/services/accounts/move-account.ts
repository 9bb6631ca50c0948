// Move: a remote account announces that it moved to another account (inbound
// Move). As Mastodon does (ActivityPub::Activity::Move, MoveWorker), the move
// holds only if the target, as its own origin serves it, names the old
// account in alsoKnownAs; then the old account points at the new one and each
// local follower follows the new account instead, with the same options.
import { updateAccount } from "../../../db/queries/accounts.ts";
import { findFollow, findLocalFollowerIds } from "../../../db/queries/follows.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { followAccount } from "../follows/follow-account.ts";
import { loadAccountPair } from "../follows/load-pair.ts";
import { unfollowAccount } from "../follows/unfollow-account.ts";

export interface MoveInput {
  /** The remote account that moved. */
  accountId: Id;
  /** Where it moved to, already refreshed from its origin by the caller. */
  targetId: Id;
}

/** Records the move and migrates local followers; refused unless the target's alsoKnownAs names the old account. */
export async function moveAccount(deps: ServiceDeps, input: MoveInput): Promise<Result<{ migratedFollowers: number }>> {
  const pair = await loadAccountPair(deps.db, input.accountId, input.targetId);
  if (!pair.ok) return pair;
  const [account, target] = pair.value;
  if (account.domain === null) return fail("forbidden", "Only a remote account moves by Move");
  if (target.moved_to_account_id !== null) return fail("validation", "The target has moved itself");
  const aliases = JSON.parse(target.also_known_as) as string[];
  if (!aliases.includes(account.uri)) return fail("forbidden", "The target does not name the account in alsoKnownAs");

  await writeTransaction(deps, async (tx) => {
    await updateAccount(tx, account.id, { moved_to_account_id: target.id });
    return ok(undefined);
  });
  // One follow at a time through the follow services, so each is federated
  // and refused where a block forbids it (that follower then stays), or where
  // the follower is the target itself.
  let migratedFollowers = 0;
  for (const followerId of await findLocalFollowerIds(deps.db, account.id)) {
    const old = await findFollow(deps.db, "follows", followerId, account.id);
    if (!old) continue;
    const followed = await followAccount(deps, {
      followerId,
      targetId: target.id,
      origin: "local",
      options: { showReblogs: old.show_reblogs === 1, notify: old.notify === 1 },
    });
    if (!followed.ok) continue;
    await unfollowAccount(deps, { followerId, targetId: account.id, origin: "local" });
    migratedFollowers++;
  }
  return ok({ migratedFollowers });
}
