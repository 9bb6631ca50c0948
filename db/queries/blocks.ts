// Queries on blocks.
import type { Selectable } from "kysely";
import type { BlocksTable, Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type BlockRow = Selectable<BlocksTable>;

/** Whether either account blocks the other. */
export async function isBlockedEitherWay(db: Executor, a: Id, b: Id): Promise<boolean> {
  const row = await db
    .selectFrom("blocks")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("account_id", "=", a), eb("target_account_id", "=", b)]),
        eb.and([eb("account_id", "=", b), eb("target_account_id", "=", a)]),
      ])
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Subquery of the ids of accounts the viewer blocks or is blocked by, for `where(id, "not in", ...)`. */
export function blockedEitherWayIds(db: Executor, viewerId: Id) {
  return db
    .selectFrom("blocks")
    .select("target_account_id as id")
    .where("account_id", "=", viewerId)
    .union(db.selectFrom("blocks").select("account_id as id").where("target_account_id", "=", viewerId));
}

/** The block of account on target, if any. */
export function findBlock(db: Executor, accountId: Id, targetId: Id): Promise<BlockRow | undefined> {
  return db
    .selectFrom("blocks")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("target_account_id", "=", targetId)
    .executeTakeFirst();
}

/** Inserts a block. */
export async function insertBlock(db: Executor, row: BlockRow): Promise<void> {
  await db.insertInto("blocks").values(row).execute();
}

/** Deletes the block of account on target; returns whether one existed. */
export async function deleteBlock(db: Executor, accountId: Id, targetId: Id): Promise<boolean> {
  const result = await db
    .deleteFrom("blocks")
    .where("account_id", "=", accountId)
    .where("target_account_id", "=", targetId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
