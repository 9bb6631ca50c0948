// Queries on users: the credentials and role of local accounts.
import type { Selectable } from "kysely";
import type { UsersTable } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type UserRow = Selectable<UsersTable>;

/** Inserts a user row. */
export async function insertUser(db: Executor, row: UserRow): Promise<void> {
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
