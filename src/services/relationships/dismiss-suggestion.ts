// Dismissing a follow suggestion (DELETE /api/v1/suggestions/:id).
import { findAccountById } from "../../../db/queries/accounts.ts";
import { insertSuggestionDismissal } from "../../../db/queries/account-search.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";

/** Stops suggesting target to the account; idempotent. */
export async function dismissSuggestion(deps: ServiceDeps, input: { accountId: Id; targetId: Id }): Promise<Result<void>> {
  const target = await findAccountById(deps.db, input.targetId);
  if (!target || target.deleted_at !== null) return fail("not-found", "Record not found");
  await writeTransaction(deps, (tx) => insertSuggestionDismissal(tx, input.accountId, input.targetId));
  return ok(undefined);
}
