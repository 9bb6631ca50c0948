// Queries on web sessions (the browser side of OAuth: sign-in and consent).
// The cookie holds a random id; only its hash is stored.
import type { Selectable } from "kysely";
import type { WebSessionsTable } from "../schema/oauth.ts";
import type { Executor } from "./executor.ts";

export type WebSessionRow = Selectable<WebSessionsTable>;

/** Inserts a session and drops expired ones. */
export async function insertWebSession(db: Executor, row: WebSessionRow): Promise<void> {
  await db.deleteFrom("web_sessions").where("expires_at", "<", row.created_at).execute();
  await db.insertInto("web_sessions").values(row).execute();
}

/** A session that has not expired, by id hash. */
export function findWebSession(db: Executor, idHash: string, now: number): Promise<WebSessionRow | undefined> {
  return db.selectFrom("web_sessions").selectAll().where("id_hash", "=", idHash).where("expires_at", ">", now).executeTakeFirst();
}

/** Deletes a session (sign-out, or rotation at sign-in). */
export async function deleteWebSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom("web_sessions").where("id_hash", "=", idHash).execute();
}
