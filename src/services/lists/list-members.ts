// Adding and removing list members. As in Mastodon, only accounts the owner
// follows can be added; a membership ends when the follow does.
import { findAccountsByIds } from "../../../db/queries/accounts.ts";
import { deleteListMembers, findFollowsOf, findOwnList, insertListMembers } from "../../../db/queries/lists.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";

export interface ListMembersInput {
  accountId: Id;
  listId: Id;
  memberIds: readonly Id[];
}

/** Adds followed accounts to the owner's list; all or none. */
export async function addListMembers(deps: ServiceDeps, input: ListMembersInput): Promise<Result<void>> {
  const list = await findOwnList(deps.db, input.accountId, input.listId);
  if (!list) return fail("not-found", "Record not found");
  const ids = [...new Set(input.memberIds)];
  if (ids.length === 0) return ok(undefined);
  const [accounts, follows] = await Promise.all([findAccountsByIds(deps.db, ids), findFollowsOf(deps.db, input.accountId, ids)]);
  if (accounts.filter((a) => a.deleted_at === null).length !== ids.length) return fail("not-found", "Record not found");
  if (follows.length !== ids.length) return fail("validation", "Validation failed: You must follow an account to add it to a list");
  await writeTransaction(deps, (tx) => insertListMembers(tx, list.id, follows.map((f) => ({ accountId: f.target_account_id, followId: f.id }))));
  return ok(undefined);
}

/** Removes accounts from the owner's list; absent ones are ignored. */
export async function removeListMembers(deps: ServiceDeps, input: ListMembersInput): Promise<Result<void>> {
  const list = await findOwnList(deps.db, input.accountId, input.listId);
  if (!list) return fail("not-found", "Record not found");
  await writeTransaction(deps, (tx) => deleteListMembers(tx, list.id, input.memberIds));
  return ok(undefined);
}
