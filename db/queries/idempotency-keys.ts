// Queries on Idempotency-Key records: what a key created, for an hour
// (Mastodon keeps them as long), so a retried POST never posts twice.
import type { Selectable } from "kysely";
import type { Id, Millis } from "../schema/index.ts";
import type { IdempotencyKeysTable } from "../schema/statuses.ts";
import type { Executor } from "./executor.ts";

export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;

const IDEMPOTENCY_TTL_MS = 3_600_000;

/** The live record of an account's key, if any. */
export function findIdempotencyKey(db: Executor, accountId: Id, key: string, now: Millis): Promise<IdempotencyKeyRow | undefined> {
  return db
    .selectFrom("idempotency_keys")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("key", "=", key)
    .where("created_at", ">", now - IDEMPOTENCY_TTL_MS)
    .executeTakeFirst();
}

/**
 * Claims a key for a creation in progress; false when it is taken. Run it
 * first in the creating transaction: on PostgreSQL a concurrent claim of the
 * same key waits for that transaction, then finds the key taken.
 */
export async function claimIdempotencyKey(db: Executor, accountId: Id, key: string, now: Millis): Promise<boolean> {
  await db
    .deleteFrom("idempotency_keys")
    .where("account_id", "=", accountId)
    .where("key", "=", key)
    .where("created_at", "<=", now - IDEMPOTENCY_TTL_MS)
    .execute();
  const result = await db
    .insertInto("idempotency_keys")
    .values({ account_id: accountId, key, status_id: null, scheduled_status_id: null, created_at: now })
    .onConflict((oc) => oc.columns(["account_id", "key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Records what a claimed key created. */
export async function settleIdempotencyKey(
  db: Executor,
  accountId: Id,
  key: string,
  created: { statusId: Id } | { scheduledStatusId: Id },
): Promise<void> {
  await db
    .updateTable("idempotency_keys")
    .set("statusId" in created ? { status_id: created.statusId } : { scheduled_status_id: created.scheduledStatusId })
    .where("account_id", "=", accountId)
    .where("key", "=", key)
    .execute();
}

/** Forgets keys older than their hour. */
export async function pruneIdempotencyKeys(db: Executor, now: Millis): Promise<void> {
  await db.deleteFrom("idempotency_keys").where("created_at", "<=", now - IDEMPOTENCY_TTL_MS).execute();
}
