// The outbox: domain events of local origin waiting to be federated. Rows are
// written in the same transaction as the change they describe.
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
    .values(events.map((e) => ({ type: e.type, payload: JSON.stringify(e.payload), created_at: now })))
    .execute();
}

/** The oldest pending events, in order. */
export function takeOutboxBatch(db: Executor, limit: number): Promise<OutboxRow[]> {
  return db.selectFrom("outbox_events").selectAll().orderBy("id").limit(limit).execute();
}

/** Removes an event once its activity is safely in the delivery queue. */
export async function deleteOutboxEvent(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("outbox_events").where("id", "=", id).execute();
}
