// PostgreSQL LISTEN/NOTIFY, shared by the message queue (wake-ups) and the
// streaming hub (events between web processes): a dedicated session LISTENing
// on one channel, and channel names scoped to a schema.
import { createHash } from "node:crypto";
import type { Logger } from "@logtape/logtape";
import { sql } from "kysely";
import pg from "pg";
import type { Executor } from "./queries/executor.ts";

/** A channel on one server, and where to reach it. */
export interface ListenTarget {
  url: string;
  channel: string;
}

/**
 * A dedicated PostgreSQL session LISTENing on a channel; after losing its
 * connection it reconnects on the next ensure(), at most once per retry window.
 * onNotify gets each notification's payload, and no payload when the listener
 * (re)connects or loses its connection (what came meanwhile was missed).
 */
export class PgNotificationListener {
  readonly #target: ListenTarget;
  readonly #onNotify: (payload?: string) => void;
  readonly #logger: Logger;
  #client: pg.Client | undefined;
  #lastAttempt = 0;

  constructor(target: ListenTarget, onNotify: (payload?: string) => void, logger: Logger) {
    this.#target = target;
    this.#onNotify = onNotify;
    this.#logger = logger;
  }

  /** Whether the LISTEN session is up. */
  get listening(): boolean {
    return this.#client !== undefined;
  }

  /** Connects and LISTENs unless already listening or an attempt was made less than retryMs ago. */
  async ensure(retryMs: number): Promise<void> {
    if (this.#client || Date.now() - this.#lastAttempt < retryMs) return;
    this.#lastAttempt = Date.now();
    const client = new pg.Client({ connectionString: this.#target.url });
    const lost = (error?: unknown) => {
      if (this.#client !== client) return; // closed on purpose, or never listening
      this.#client = undefined;
      this.#lastAttempt = 0;
      this.#logger.warn("LISTEN connection to {channel} lost; reconnecting: {error}", { channel: this.#target.channel, error });
      client.end().catch(() => undefined);
      this.#onNotify();
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => this.#onNotify(message.payload ?? ""));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.#target.channel}"`);
      this.#client = client;
      this.#onNotify();
    } catch (error) {
      this.#logger.warn("Could not LISTEN on {channel}: {error}", { channel: this.#target.channel, error });
      await client.end().catch(() => undefined);
    }
  }

  /** Ends the session. */
  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/**
 * The channel `prefix_schema`: one per schema, so test schemas on one server
 * never hear each other. Channel names are identifiers: at most 63 bytes.
 */
export function channelName(prefix: string, schema: string): string {
  const name = `${prefix}_${schema}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  return name.length <= 63 ? name : `${prefix}_${createHash("sha256").update(schema).digest("hex").slice(0, 40)}`;
}

/** Sends a notification (NOTIFY, at most 8000 bytes of payload) on a channel. */
export async function notifyChannel(db: Executor, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}
