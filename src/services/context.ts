// What every service needs, and the one way services write: a transaction that
// also records the domain events it caused (outbox rows for the federated ones)
// and publishes them after commit.
import type { Transaction } from "kysely";
import type { Db } from "../../db/index.ts";
import { insertOutboxEvents } from "../../db/queries/outbox.ts";
import type { Database } from "../../db/schema/index.ts";
import type { DomainEvent, EventBus, Origin } from "../domain/events.ts";
import type { IdGenerator } from "../domain/ids.ts";
import type { LocalUris } from "../domain/uris.ts";
import type { MediaStorage } from "./media/storage.ts";

export interface ServiceDeps {
  db: Db;
  ids: IdGenerator;
  uris: LocalUris;
  events: EventBus;
  /** Where uploaded media files are kept. */
  media: MediaStorage;
}

export type Tx = Transaction<Database>;

/** Records an event; `federate` puts it in the outbox for federation/outbound. */
export type Emit = (event: DomainEvent, options?: { federate?: boolean }) => void;

/** Runs fn in one transaction; its events are outboxed inside it and published after commit. */
export async function writeTransaction<T>(deps: ServiceDeps, fn: (tx: Tx, emit: Emit) => Promise<T>): Promise<T> {
  const events: DomainEvent[] = [];
  const result = await deps.db.transaction().execute(async (tx) => {
    const outbox: DomainEvent[] = [];
    const value = await fn(tx, (event, options) => {
      events.push(event);
      if (options?.federate) outbox.push(event);
    });
    await insertOutboxEvents(tx, outbox.map((event) => ({ type: event.type, payload: event })));
    return value;
  });
  deps.events.publish(events);
  return result;
}

/** Local-origin events are federated; remote-origin ones are not sent back. */
export function federatesFrom(origin: Origin): { federate: boolean } {
  return { federate: origin === "local" };
}
