// Endorsing: featuring a followed account on one's profile (Mastodon's
// account pins). Unfollowing ends the endorsement (see removeFollow).
import { deleteAccountPin, insertAccountPin } from "../../../db/queries/account-pins.ts";
import { findFollow } from "../../../db/queries/follows.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { loadAccountPair } from "../follows/load-pair.ts";

export interface EndorseInput {
  accountId: Id;
  targetId: Id;
}

/** Endorses a followed account; idempotent. */
export async function endorseAccount(deps: ServiceDeps, input: EndorseInput): Promise<Result<void>> {
  const pair = await loadAccountPair(deps.db, input.accountId, input.targetId);
  if (!pair.ok) return pair;
  if (!(await findFollow(deps.db, "follows", input.accountId, input.targetId))) {
    return fail("validation", "You must be already following the person you want to endorse");
  }
  await writeTransaction(deps, (tx) =>
    insertAccountPin(tx, { id: deps.ids.next(), account_id: input.accountId, target_account_id: input.targetId, created_at: Date.now() }));
  return ok(undefined);
}

/** Ends an endorsement; idempotent. */
export async function unendorseAccount(deps: ServiceDeps, input: EndorseInput): Promise<Result<void>> {
  const pair = await loadAccountPair(deps.db, input.accountId, input.targetId);
  if (!pair.ok) return pair;
  await writeTransaction(deps, (tx) => deleteAccountPin(tx, input.accountId, input.targetId));
  return ok(undefined);
}
