// Queries on held statuses: the hold row (who, why) and statuses.held_at,
// which every read uses to leave a held status out, change together.
import type { Insertable, Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { StatusHoldsTable } from "../schema/rules.ts";
import type { Executor } from "./executor.ts";
import { type IdRange, withinRange } from "./timelines.ts";

export type StatusHoldRow = Selectable<StatusHoldsTable>;

/** Holds a status: the hold row and the status's held_at. */
export async function insertHold(db: Executor, row: Insertable<StatusHoldsTable>): Promise<void> {
  await db.insertInto("status_holds").values(row).execute();
  await db.updateTable("statuses").set({ held_at: row.created_at }).where("id", "=", row.status_id).execute();
}

/** Ends a hold (the status shows again). */
export async function deleteHold(db: Executor, statusId: Id): Promise<void> {
  await db.deleteFrom("status_holds").where("status_id", "=", statusId).execute();
  await db.updateTable("statuses").set({ held_at: null }).where("id", "=", statusId).execute();
}

/** The hold of a status, if it is held. */
export function findHold(db: Executor, statusId: Id): Promise<StatusHoldRow | undefined> {
  return db.selectFrom("status_holds").selectAll().where("status_id", "=", statusId).executeTakeFirst();
}

/** One keyset page of holds, by status id. */
export function pageHolds(db: Executor, range: IdRange): Promise<StatusHoldRow[]> {
  return withinRange(db.selectFrom("status_holds").selectAll(), "status_id", range).execute();
}

/** Takes a delivered status back out of home timelines, conversations and notifications (holding it after the fact). */
export async function unpublishStatus(db: Executor, statusId: Id): Promise<void> {
  await db.deleteFrom("home_timeline_entries").where("status_id", "=", statusId).execute();
  await db.deleteFrom("conversation_statuses").where("status_id", "=", statusId).execute();
  await db.deleteFrom("notifications").where("status_id", "=", statusId).execute();
}
