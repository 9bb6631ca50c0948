// Loads the two accounts of a relationship and applies the common refusals.
import { type AccountRow, findAccountById } from "../../../db/queries/accounts.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import type { Executor } from "../../../db/queries/executor.ts";

/** Both accounts of a pair, or not-found / validation / gone. */
export async function loadAccountPair(db: Executor, actorId: Id, targetId: Id): Promise<Result<[AccountRow, AccountRow]>> {
  if (actorId === targetId) return fail("validation", "An account cannot do that to itself");
  const [actor, target] = await Promise.all([findAccountById(db, actorId), findAccountById(db, targetId)]);
  if (!actor || !target) return fail("not-found", "Record not found");
  if (actor.deleted_at !== null || target.deleted_at !== null) return fail("gone", "Account is gone");
  return ok([actor, target]);
}
