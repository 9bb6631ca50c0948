// Creating, renaming and deleting lists (Mastodon's lists API); a list is
// private to its owner, so another account's list does not exist for them.
import { deleteList, findOwnList, insertList, type ListRow, updateList } from "../../../db/queries/lists.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { RepliesPolicy } from "../../../db/schema/timelines.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";

export interface ListSettings {
  title?: string | undefined;
  repliesPolicy?: RepliesPolicy | undefined;
  exclusive?: boolean | undefined;
}

const MAX_TITLE = 256;

function checkTitle(title: string | undefined, required: boolean): Result<void> {
  if (title === undefined) return required ? fail("validation", "Validation failed: Title can't be blank") : ok(undefined);
  if (!title.trim()) return fail("validation", "Validation failed: Title can't be blank");
  if ([...title].length > MAX_TITLE) return fail("validation", `Validation failed: Title is too long (maximum is ${MAX_TITLE} characters)`);
  return ok(undefined);
}

/** Creates a list for its owner. */
export async function createList(deps: ServiceDeps, input: ListSettings & { accountId: Id }): Promise<Result<ListRow>> {
  const checked = checkTitle(input.title, true);
  if (!checked.ok) return checked;
  const now = Date.now();
  const row: ListRow = {
    id: deps.ids.next(),
    account_id: input.accountId,
    title: input.title!.trim(),
    replies_policy: input.repliesPolicy ?? "list",
    exclusive: input.exclusive ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await writeTransaction(deps, (tx) => insertList(tx, row));
  return ok(row);
}

/** Changes a list's title, replies policy or exclusivity; only its owner can. */
export async function updateListSettings(deps: ServiceDeps, input: ListSettings & { accountId: Id; listId: Id }): Promise<Result<ListRow>> {
  const list = await findOwnList(deps.db, input.accountId, input.listId);
  if (!list) return fail("not-found", "Record not found");
  const checked = checkTitle(input.title, false);
  if (!checked.ok) return checked;
  const changes = {
    title: input.title?.trim() ?? list.title,
    replies_policy: input.repliesPolicy ?? list.replies_policy,
    exclusive: input.exclusive === undefined ? list.exclusive : input.exclusive ? 1 : 0,
    updated_at: Date.now(),
  };
  await writeTransaction(deps, (tx) => updateList(tx, list.id, changes));
  return ok({ ...list, ...changes });
}

/** Deletes a list with its memberships; only its owner can. */
export async function removeList(deps: ServiceDeps, input: { accountId: Id; listId: Id }): Promise<Result<void>> {
  const list = await findOwnList(deps.db, input.accountId, input.listId);
  if (!list) return fail("not-found", "Record not found");
  await writeTransaction(deps, (tx) => deleteList(tx, list.id));
  return ok(undefined);
}
