// Carries the domain events streams care about from the process that
// committed them to every process holding streams. SQLite has one process:
// the in-process event bus is enough. PostgreSQL may have several web and
// worker processes: each one NOTIFYs its events on a channel of the schema,
// and each one holding streams LISTENs to it (docs/adr/0013-streaming.md).
import { getLogger } from "@logtape/logtape";
import type { Db, DatabaseConfig } from "../../../db/index.ts";
import { channelName, notifyChannel, PgNotificationListener } from "../../../db/pg-notifications.ts";
import type { DomainEvent, EventBus } from "../../domain/events.ts";

const logger = getLogger(["parley", "streaming"]);
// NOTIFY payloads are capped at 8000 bytes.
const MAX_PAYLOAD = 7_900;
const RECONNECT_MS = 2_000;

/** The events that become stream events, with only what streaming reads. */
export type StreamedEvent =
  | { type: "status.created" | "status.updated"; statusId: string }
  | { type: "status.deleted"; statusId: string; accountId: string; visibility: string; mentionedAccountIds: string[] }
  | { type: "notification.created"; notificationId: string; accountId: string };

function streamed(event: DomainEvent): StreamedEvent | null {
  switch (event.type) {
    case "status.created":
    case "status.updated":
      return { type: event.type, statusId: event.statusId };
    case "status.deleted": {
      const { statusId, accountId, visibility, mentionedAccountIds } = event;
      return { type: event.type, statusId, accountId, visibility, mentionedAccountIds };
    }
    case "notification.created":
      return { type: event.type, notificationId: event.notificationId, accountId: event.accountId };
    default:
      return null;
  }
}

// A delete naming very many mentioned accounts is cut to fit: those still get it if they follow the author.
function encode(event: StreamedEvent): string {
  const json = JSON.stringify(event);
  return json.length <= MAX_PAYLOAD || event.type !== "status.deleted" ? json : JSON.stringify({ ...event, mentionedAccountIds: [] });
}

export interface EventRelay {
  /** Resolves once this process hears events (on PostgreSQL: once it LISTENs). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Starts relaying: events committed anywhere reach `deliver` in this process once ready() resolved. */
export function startEventRelay(events: EventBus, db: Db, database: DatabaseConfig, deliver: (event: StreamedEvent) => void): EventRelay {
  if (database.kind === "sqlite") {
    const unsubscribe = events.subscribe((event) => {
      const relevant = streamed(event);
      if (relevant) deliver(relevant);
    });
    return { ready: async () => undefined, close: async () => unsubscribe() };
  }

  const channel = channelName("parley_stream", database.schema ?? "public");
  const unsubscribe = events.subscribe((event) => {
    const relevant = streamed(event);
    if (relevant) notifyChannel(db, channel, encode(relevant)).catch((error) => logger.error("Could not NOTIFY a stream event: {error}", { error }));
  });
  const listener = new PgNotificationListener({ url: database.url, channel }, (payload) => {
    if (payload) deliver(JSON.parse(payload) as StreamedEvent);
  }, logger);
  // LISTEN only once this process holds a stream; then keep the session up.
  let connecting: Promise<void> | null = null;
  let keepAlive: ReturnType<typeof setInterval> | null = null;
  return {
    async ready() {
      keepAlive ??= setInterval(() => void listener.ensure(RECONNECT_MS), RECONNECT_MS);
      if (listener.listening) return;
      connecting ??= listener.ensure(0).finally(() => {
        connecting = null;
      });
      await connecting;
    },
    async close() {
      unsubscribe();
      if (keepAlive) clearInterval(keepAlive);
      await connecting;
      await listener.close();
    },
  };
}
