// Queries on accounts (local and remote actors).
import type { Insertable, Selectable, Updateable } from "kysely";
import { clampedSum } from "./counters.ts";
import type { AccountsTable, Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type AccountRow = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;

/** One account by id, or undefined. */
export function findAccountById(db: Executor, id: Id): Promise<AccountRow | undefined> {
  return db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
}

/** One account by actor URI, or undefined. */
export function findAccountByUri(db: Executor, uri: string): Promise<AccountRow | undefined> {
  return db.selectFrom("accounts").selectAll().where("uri", "=", uri).executeTakeFirst();
}

/** Accounts by actor URIs (any order). */
export function findAccountsByUris(db: Executor, uris: readonly string[]): Promise<AccountRow[]> {
  if (uris.length === 0) return Promise.resolve([]);
  return db.selectFrom("accounts").selectAll().where("uri", "in", uris).execute();
}

/** Accounts by ids (any order). */
export function findAccountsByIds(db: Executor, ids: readonly Id[]): Promise<AccountRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("accounts").selectAll().where("id", "in", ids).execute();
}

/** A local account by username (case-insensitive), deleted ones included. */
export function findLocalAccountByUsername(db: Executor, username: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom("accounts")
    .selectAll()
    .where("domain", "is", null)
    .where((eb) => eb(eb.fn("lower", ["username"]), "=", username.toLowerCase()))
    .executeTakeFirst();
}

/** Inserts an account row. */
export async function insertAccount(db: Executor, row: NewAccount): Promise<void> {
  await db.insertInto("accounts").values(row).execute();
}

/** Updates an account row by id. */
export async function updateAccount(db: Executor, id: Id, changes: Updateable<AccountsTable>): Promise<void> {
  await db.updateTable("accounts").set(changes).where("id", "=", id).execute();
}

type Counter = "followers_count" | "following_count" | "statuses_count";

/** Adds delta to one counter of an account, never going below zero. */
export async function adjustAccountCounter(db: Executor, id: Id, counter: Counter, delta: number): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ [counter]: clampedSum(counter, delta) })
    .where("id", "=", id)
    .execute();
}

/** Local accounts, oldest first (operator CLI, NodeInfo). */
export function listLocalAccounts(db: Executor): Promise<(AccountRow & { email: string; role: string })[]> {
  return db
    .selectFrom("accounts")
    .innerJoin("users", "users.account_id", "accounts.id")
    .selectAll("accounts")
    .select(["users.email", "users.role"])
    .where("accounts.domain", "is", null)
    .orderBy("accounts.id")
    .execute();
}

/** Number of local accounts that are not deleted (NodeInfo usage). */
export async function countLocalAccounts(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("accounts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("domain", "is", null)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes an account row; foreign keys cascade to everything that was theirs. */
export async function deleteAccountRow(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("accounts").where("id", "=", id).execute();
}
