// Queries on users: the credentials and role of local accounts.
import type { Insertable, Selectable } from "kysely";
import type { UsersTable } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type UserRow = Selectable<UsersTable>;

/** Inserts a user row. */
export async function insertUser(db: Executor, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto("users").values(row).execute();
}

/** A user by email, case-insensitive. */
export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
}

/** The role and username of a local account that may act as staff now (login enabled, not suspended). */
export function findActiveStaff(db: Executor, accountId: string): Promise<{ role: UsersTable["role"]; username: string } | undefined> {
  return db
    .selectFrom("users")
    .innerJoin("accounts", "accounts.id", "users.account_id")
    .select(["users.role", "accounts.username"])
    .where("users.account_id", "=", accountId)
    .where("users.disabled_at", "is", null)
    .where("accounts.suspended_at", "is", null)
    .executeTakeFirst();
}

/** Whether a moderator disabled the login of the local account. */
export async function isLoginDisabled(db: Executor, accountId: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("disabled_at").where("account_id", "=", accountId).executeTakeFirst();
  return row !== undefined && row.disabled_at !== null;
}
