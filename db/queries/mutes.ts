// Queries on mutes. A mute may carry an expiry; an expired one counts as no
// mute everywhere (no sweeper needed), and is replaced or deleted on next write.
import { type Expression, type Selectable, type SqlBool, sql } from "kysely";
import type { Id } from "../schema/index.ts";
import type { MutesTable } from "../schema/relationships.ts";
import type { Executor } from "./executor.ts";

export type MuteRow = Selectable<MutesTable>;

/** SQL condition: the mute whose expires_at column is named is still in force. */
export function muteInForce(expiresColumn: string, now = Date.now()): Expression<SqlBool> {
  const ref = sql.ref(expiresColumn);
  return sql<SqlBool>`(${ref} is null or ${ref} > ${now})`;
}

/** Creates the mute, or replaces its options and expiry when one exists (expired or not). */
export async function upsertMute(db: Executor, row: MuteRow): Promise<void> {
  await db
    .insertInto("mutes")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["account_id", "target_account_id"]).doUpdateSet({ hide_notifications: row.hide_notifications, expires_at: row.expires_at })
    )
    .execute();
}

/** Deletes the mute of account on target, in force or expired. */
export async function deleteMute(db: Executor, accountId: Id, targetId: Id): Promise<void> {
  await db.deleteFrom("mutes").where("account_id", "=", accountId).where("target_account_id", "=", targetId).execute();
}
