// Queries on sign-ups and their approval state (migration 0003-registrations).
import type { Insertable, Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { AccountRegistrationsTable } from "../schema/registrations.ts";
import type { Executor } from "./executor.ts";

export type AccountRegistrationRow = Selectable<AccountRegistrationsTable>;

/** Inserts the sign-up record of a new account. */
export async function insertAccountRegistration(db: Executor, row: Insertable<AccountRegistrationsTable>): Promise<void> {
  await db.insertInto("account_registrations").values(row).execute();
}

/** Whether an account signed up and still waits for a moderator. */
export async function isPendingApproval(db: Executor, accountId: Id): Promise<boolean> {
  const row = await db.selectFrom("account_registrations").select("approved_at").where("account_id", "=", accountId).executeTakeFirst();
  return row !== undefined && row.approved_at === null;
}
