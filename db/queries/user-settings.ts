// Queries on a local user's posting defaults and what verify_credentials shows.
import type { Selectable } from "kysely";
import type { Id, Role } from "../schema/index.ts";
import type { UserSettingsTable } from "../schema/relationships.ts";
import type { Executor } from "./executor.ts";

export type UserSettingsRow = Selectable<UserSettingsTable>;

/** The settings of a user; Mastodon's defaults when never changed. */
export async function findUserSettings(db: Executor, accountId: Id): Promise<UserSettingsRow> {
  const row = await db.selectFrom("user_settings").selectAll().where("account_id", "=", accountId).executeTakeFirst();
  return row ?? { account_id: accountId, default_privacy: "public", default_sensitive: 0, default_language: null, updated_at: 0 };
}

/** Stores the settings of a user (insert or replace). */
export async function writeUserSettings(db: Executor, row: UserSettingsRow): Promise<void> {
  const { account_id: _, ...changes } = row;
  await db
    .insertInto("user_settings")
    .values(row)
    .onConflict((oc) => oc.column("account_id").doUpdateSet(changes))
    .execute();
}

/** What CredentialAccount adds to an account: role, pending request count, settings. */
export async function findCredentialFacts(
  db: Executor,
  accountId: Id,
): Promise<{ role: Role; followRequestsCount: number; settings: UserSettingsRow } | undefined> {
  const [user, requests, settings] = await Promise.all([
    db.selectFrom("users").select("role").where("account_id", "=", accountId).executeTakeFirst(),
    db.selectFrom("follow_requests").select((eb) => eb.fn.countAll<number>().as("n")).where("target_account_id", "=", accountId).executeTakeFirstOrThrow(),
    findUserSettings(db, accountId),
  ]);
  return user ? { role: user.role, followRequestsCount: Number(requests.n), settings } : undefined;
}
