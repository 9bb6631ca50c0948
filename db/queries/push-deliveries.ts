// The Web Push delivery jobs: one row per (subscription, notification), taken
// with a lease by whichever process sends pushes, deleted once sent or given up.
import type { Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { PushDeliveriesTable } from "../schema/push.ts";
import type { Executor } from "./executor.ts";

export type PushDeliveryRow = Selectable<PushDeliveriesTable>;

/** Queues a notification for every push subscription of its recipient; returns how many were queued. */
export async function enqueuePushDeliveries(db: Executor, notificationId: Id, accountId: Id, now: number): Promise<number> {
  const result = await db
    .insertInto("push_deliveries")
    .columns(["subscription_id", "notification_id", "attempts", "available_at", "created_at"])
    .expression((eb) =>
      eb
        .selectFrom("push_subscriptions")
        .select((s) => ["id", s.val(notificationId).as("notification_id"), s.val(0).as("attempts"), s.val(now).as("available_at"), s.val(now).as("created_at")])
        // A WHERE clause also keeps SQLite from reading ON CONFLICT as a join.
        .where("account_id", "=", accountId)
    )
    .onConflict((oc) => oc.columns(["subscription_id", "notification_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Claims up to `limit` due deliveries for leaseMs, oldest first. */
export async function claimPushDeliveries(db: Executor, limit: number, leaseMs: number, now: number): Promise<PushDeliveryRow[]> {
  const rows = await db
    .updateTable("push_deliveries")
    .set({ locked_until: now + leaseMs })
    // Repeated outside the subquery: PostgreSQL re-checks it after waiting on a
    // row another process just claimed, so no delivery is claimed twice.
    .where("available_at", "<=", now)
    .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", now)]))
    .where("id", "in", (eb) =>
      eb
        .selectFrom("push_deliveries")
        .select("id")
        .where("available_at", "<=", now)
        .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", now)]))
        .orderBy("id")
        .limit(limit)
    )
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** Removes a delivery: sent, or given up. */
export async function deletePushDelivery(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("push_deliveries").where("id", "=", id).execute();
}

/** Offers a failed delivery again at availableAt. */
export async function retryPushDelivery(db: Executor, id: number, availableAt: number): Promise<void> {
  await db
    .updateTable("push_deliveries")
    .set((eb) => ({ attempts: eb("attempts", "+", 1), available_at: availableAt, locked_until: null }))
    .where("id", "=", id)
    .execute();
}
