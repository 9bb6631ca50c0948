// The outbox: domain events of local origin waiting to be federated. Rows are
// written in the same transaction as the change they describe, claimed by one
// process at a time, and deleted once their activities are in the queue.
import type { Selectable } from "kysely";
import type { OutboxEventsTable } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type OutboxRow = Selectable<OutboxEventsTable>;

/** Appends events to the outbox. */
export async function insertOutboxEvents(db: Executor, events: { type: string; payload: unknown }[]): Promise<void> {
  if (events.length === 0) return;
  const now = Date.now();
  await db
    .insertInto("outbox_events")
    .values(events.map((e) => ({ type: e.type, payload: JSON.stringify(e.payload), created_at: now, claimed_until: null })))
    .execute();
}

/** Claims the oldest unclaimed (or stale) events for leaseMs; returns them in order. */
export async function claimOutboxBatch(db: Executor, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const now = Date.now();
  const rows = await db
    .updateTable("outbox_events")
    .set({ claimed_until: now + leaseMs })
    // Repeated outside the subquery: PostgreSQL re-checks it after waiting on a
    // row another process just claimed, so no event is claimed twice.
    .where((w) => w.or([w("claimed_until", "is", null), w("claimed_until", "<", now)]))
    .where("id", "in", (eb) =>
      eb
        .selectFrom("outbox_events")
        .select("id")
        .where((w) => w.or([w("claimed_until", "is", null), w("claimed_until", "<", now)]))
        .orderBy("id")
        .limit(limit)
    )
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** Removes an event once its activity is safely in the delivery queue. */
export async function deleteOutboxEvent(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("outbox_events").where("id", "=", id).execute();
}
