// Queries on lists and their members.
import type { Selectable, Updateable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { ListsTable } from "../schema/timelines.ts";
import type { AccountRow } from "./accounts.ts";
import type { Executor } from "./executor.ts";
import type { IdRange } from "./timelines.ts";

export type ListRow = Selectable<ListsTable>;

/** An account's lists, oldest first (as Mastodon lists them). */
export function findListsOf(db: Executor, accountId: Id): Promise<ListRow[]> {
  return db.selectFrom("lists").selectAll().where("account_id", "=", accountId).orderBy("id").execute();
}

/** One list of its owner. */
export function findOwnList(db: Executor, ownerId: Id, listId: Id): Promise<ListRow | undefined> {
  return db.selectFrom("lists").selectAll().where("id", "=", listId).where("account_id", "=", ownerId).executeTakeFirst();
}

/** The owner's lists that contain an account. */
export function findListsContaining(db: Executor, ownerId: Id, memberId: Id): Promise<ListRow[]> {
  return db
    .selectFrom("lists")
    .innerJoin("list_accounts", "list_accounts.list_id", "lists.id")
    .selectAll("lists")
    .where("lists.account_id", "=", ownerId)
    .where("list_accounts.account_id", "=", memberId)
    .orderBy("lists.id")
    .execute();
}

/** Inserts a list. */
export async function insertList(db: Executor, row: ListRow): Promise<void> {
  await db.insertInto("lists").values(row).execute();
}

/** Updates a list. */
export async function updateList(db: Executor, listId: Id, changes: Updateable<ListsTable>): Promise<void> {
  await db.updateTable("lists").set(changes).where("id", "=", listId).execute();
}

/** Deletes a list (members go with it). */
export async function deleteList(db: Executor, listId: Id): Promise<void> {
  await db.deleteFrom("lists").where("id", "=", listId).execute();
}

/** The owner's follows of the given accounts (what a membership hangs on). */
export function findFollowsOf(db: Executor, ownerId: Id, targetIds: readonly Id[]): Promise<{ id: Id; target_account_id: Id }[]> {
  if (targetIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("follows").select(["id", "target_account_id"]).where("account_id", "=", ownerId).where("target_account_id", "in", targetIds).execute();
}

/** Adds members with the owner's follows of them; existing members stay. */
export async function insertListMembers(db: Executor, listId: Id, members: readonly { accountId: Id; followId: Id }[]): Promise<void> {
  if (members.length === 0) return;
  const now = Date.now();
  await db
    .insertInto("list_accounts")
    .values(members.map((m) => ({ list_id: listId, account_id: m.accountId, follow_id: m.followId, created_at: now })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Removes members. */
export async function deleteListMembers(db: Executor, listId: Id, accountIds: readonly Id[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db.deleteFrom("list_accounts").where("list_id", "=", listId).where("account_id", "in", accountIds).execute();
}

/** A page of a list's member accounts, by account id, newest first; limit 0 means all. */
export function pageListMembers(db: Executor, listId: Id, range: IdRange): Promise<AccountRow[]> {
  let query = db
    .selectFrom("list_accounts")
    .innerJoin("accounts", "accounts.id", "list_accounts.account_id")
    .selectAll("accounts")
    .where("list_accounts.list_id", "=", listId)
    .orderBy("accounts.id", range.ascending ? "asc" : "desc");
  if (range.limit > 0) query = query.limit(range.limit);
  if (range.lower) query = query.where("accounts.id", ">", range.lower);
  if (range.upper) query = query.where("accounts.id", "<", range.upper);
  return query.execute();
}
