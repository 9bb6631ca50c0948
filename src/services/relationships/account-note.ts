// A user's private comment on another account (Relationship.note).
import { writeAccountNote } from "../../../db/queries/account-notes.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { loadAccountPair } from "../follows/load-pair.ts";

// Mastodon's AccountNote validation.
const MAX_COMMENT = 2000;

/** Sets (or, when empty, clears) the comment of account on target. */
export async function setAccountNote(deps: ServiceDeps, input: { accountId: Id; targetId: Id; comment: string }): Promise<Result<void>> {
  const pair = await loadAccountPair(deps.db, input.accountId, input.targetId);
  if (!pair.ok) return pair;
  if ([...input.comment].length > MAX_COMMENT) return fail("validation", `Comment is too long (maximum is ${MAX_COMMENT} characters)`);
  await writeTransaction(deps, (tx) => writeAccountNote(tx, input.accountId, input.targetId, input.comment));
  return ok(undefined);
}
