// Queries on pinned statuses (an account's featured collection).
import type { Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { StatusPinsTable } from "../schema/statuses.ts";
import type { Executor } from "./executor.ts";
import type { StatusRow } from "./statuses.ts";

export type StatusPinRow = Selectable<StatusPinsTable>;

/** The pin of a status by an account, if any. */
export function findStatusPin(db: Executor, accountId: Id, statusId: Id): Promise<StatusPinRow | undefined> {
  return db.selectFrom("status_pins").selectAll().where("account_id", "=", accountId).where("status_id", "=", statusId).executeTakeFirst();
}

/** How many statuses an account has pinned. */
export async function countStatusPins(db: Executor, accountId: Id): Promise<number> {
  const row = await db
    .selectFrom("status_pins")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Pins a status; returns whether a new pin was made. */
export async function insertStatusPin(db: Executor, row: StatusPinRow): Promise<boolean> {
  const result = await db
    .insertInto("status_pins")
    .values(row)
    .onConflict((oc) => oc.columns(["account_id", "status_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Unpins a status; returns whether there was a pin. */
export async function deleteStatusPin(db: Executor, accountId: Id, statusId: Id): Promise<boolean> {
  const result = await db.deleteFrom("status_pins").where("account_id", "=", accountId).where("status_id", "=", statusId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** An account's pinned statuses, most recently pinned first. */
export function findPinnedStatuses(db: Executor, accountId: Id): Promise<StatusRow[]> {
  return db
    .selectFrom("status_pins as p")
    .innerJoin("statuses as s", "s.id", "p.status_id")
    .selectAll("s")
    .where("p.account_id", "=", accountId)
    .orderBy("p.id", "desc")
    .execute();
}
