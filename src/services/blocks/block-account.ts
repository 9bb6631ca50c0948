// Blocking: a local block (API) and an inbound Block both come here. A block
// removes follows both ways, so deliveries between the two stop.
import { deleteBlock, findBlock, insertBlock } from "../../../db/queries/blocks.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Origin } from "../../domain/events.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, federatesFrom, writeTransaction } from "../context.ts";
import { loadAccountPair } from "../follows/load-pair.ts";
import { removeFollow } from "../follows/remove-follow.ts";

export interface BlockInput {
  accountId: Id;
  targetId: Id;
  origin: Origin;
  /** The Block activity's id, for remote blocks. */
  uri?: string;
}

/** Blocks target; removes follows and requests both ways; idempotent. */
export async function blockAccount(deps: ServiceDeps, input: BlockInput): Promise<Result<void>> {
  const pair = await loadAccountPair(deps.db, input.accountId, input.targetId);
  if (!pair.ok) return pair;
  const [account, target] = pair.value;
  if ((input.origin === "local") !== (account.domain === null)) return fail("forbidden", "Blocks come from the blocker's origin");

  return writeTransaction(deps, async (tx, emit) => {
    if (await findBlock(tx, account.id, target.id)) return ok(undefined);
    const id = deps.ids.next();
    const uri = input.uri ?? deps.uris.activity(account.username, "blocks", id);
    await insertBlock(tx, { id, account_id: account.id, target_account_id: target.id, uri, created_at: Date.now() });
    const federate = federatesFrom(input.origin);
    const ours = await removeFollow(tx, account.id, target.id);
    const theirs = await removeFollow(tx, target.id, account.id);
    // Say so explicitly as Mastodon's BlockService does: not every server infers it from Block.
    if (ours && federate.federate && target.domain !== null) {
      const activityId = deps.uris.activity(account.username, "undo", deps.ids.next());
      emit({ type: "follow.undone", followerId: account.id, targetId: target.id, uri: ours.uri, activityId }, federate);
    }
    if (theirs && federate.federate && target.domain !== null) {
      const activityId = deps.uris.activity(account.username, "rejects", deps.ids.next());
      emit({ type: "follow.rejected", followerId: target.id, targetId: account.id, uri: theirs.uri, activityId }, federate);
    }
    emit({ type: "block.created", accountId: account.id, targetId: target.id, uri }, federate);
    return ok(undefined);
  });
}

/** Lifts a block; idempotent. */
export async function unblockAccount(deps: ServiceDeps, input: BlockInput): Promise<Result<void>> {
  const pair = await loadAccountPair(deps.db, input.accountId, input.targetId);
  if (!pair.ok) return pair;
  const [account, target] = pair.value;
  if ((input.origin === "local") !== (account.domain === null)) return fail("forbidden", "Blocks come from the blocker's origin");
  return writeTransaction(deps, async (tx, emit) => {
    const block = await findBlock(tx, account.id, target.id);
    if (!block) return ok(undefined);
    await deleteBlock(tx, account.id, target.id);
    const activityId = deps.uris.activity(account.username, "undo", deps.ids.next());
    emit({ type: "block.removed", accountId: account.id, targetId: target.id, uri: block.uri, activityId }, federatesFrom(input.origin));
    return ok(undefined);
  });
}
