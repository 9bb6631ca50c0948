// Fedify's durable message queue in our own database, table fedify_messages
// (docs/adr/0003-queue-on-the-database.md). A worker leases a message
// (locked_until), runs the handler, deletes it; a lease left by a dead worker
// expires and the message is taken again: at-least-once delivery.
// PostgreSQL: several processes take with FOR UPDATE SKIP LOCKED and wake on
// LISTEN/NOTIFY. SQLite: one process, short polls, in-process wake-ups.
import type {
  MessageQueue,
  MessageQueueDepth,
  MessageQueueEnqueueOptions,
  MessageQueueListenOptions,
} from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import { type Kysely, type RawBuilder, sql } from "kysely";
import { createIdGenerator, type IdGenerator } from "../../src/domain/ids.ts";
import type { DatabaseConfig } from "../index.ts";
import { channelName, PgNotificationListener } from "../pg-notifications.ts";
import type { Database, Id } from "../schema/index.ts";

const logger = getLogger(["parley", "queue"]);
// Rows per INSERT: well under both dialects' limits on bound parameters.
const INSERT_CHUNK = 500;

export interface KyselyMessageQueueOptions {
  /** The database's configuration: its kind picks the dialect; url and schema serve LISTEN. */
  database: DatabaseConfig;
  /** Messages one listen() handles at once. Default 8. */
  parallelism?: number;
  /** How long a taken message stays hidden from other workers; renewed while it runs. Default 30 s. */
  leaseMs?: number;
  /** Poll interval. Default 1 s on PostgreSQL (NOTIFY wakes sooner), 200 ms on SQLite. */
  pollIntervalMs?: number;
  /** Delay before a message whose handler threw is offered again. Default 1 s. */
  retryDelayMs?: number;
}

interface TakenMessage {
  id: Id;
  payload: string;
}

type Handler = (message: any) => Promise<void> | void;

/** A Fedify MessageQueue on Kysely; several instances may share one database. */
export class KyselyMessageQueue implements MessageQueue {
  /** Fedify retries failed deliveries itself by enqueuing them again. */
  readonly nativeRetrial = false;
  readonly #db: Kysely<Database>;
  readonly #postgres: { url: string; channel: string } | undefined;
  readonly #parallelism: number;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #retryDelayMs: number;
  // The database's clock in ms, read when a statement runs: leases stay right
  // however long a statement waited for its connection, on whichever host.
  readonly #now: RawBuilder<number>;
  readonly #ids: IdGenerator = createIdGenerator();
  readonly #wakers = new Set<() => void>();
  #lastId = 0n;

  /** Uses the handle's Kysely instance; on PostgreSQL listen() also opens one LISTEN client. */
  constructor(db: Kysely<Database>, options: KyselyMessageQueueOptions) {
    const { database } = options;
    this.#db = db;
    this.#postgres = database.kind === "postgres"
      ? { url: database.url, channel: channelName("parley_queue", database.schema ?? "public") }
      : undefined;
    this.#parallelism = Math.max(1, options.parallelism ?? 8);
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pollMs = options.pollIntervalMs ?? (database.kind === "postgres" ? 1_000 : 200);
    this.#retryDelayMs = options.retryDelayMs ?? 1_000;
    this.#now = database.kind === "postgres"
      ? sql<number>`floor(extract(epoch from now()) * 1000)::bigint`
      : sql<number>`cast(unixepoch('subsec') * 1000 as integer)`;
  }

  /** Enqueues one message, after `delay` if given, behind earlier ones of its `orderingKey`. */
  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  /** Enqueues messages atomically, in their order, and wakes the listeners. */
  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (messages.length === 0) return;
    const delayMs = options?.delay === undefined ? 0 : Math.max(0, Math.ceil(options.delay.total({ unit: "millisecond" })));
    const rows = messages.map((message) => ({
      id: this.#nextId(),
      payload: JSON.stringify(message),
      ordering_key: options?.orderingKey ?? null,
      available_at: sql<number>`${this.#now} + ${delayMs}`,
      locked_until: null,
      created_at: this.#now,
    }));
    const insert = async (db: Kysely<Database>) => {
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        await db.insertInto("fedify_messages").values(rows.slice(start, start + INSERT_CHUNK)).execute();
      }
    };
    // One statement is atomic already. (A transaction held across awaits would
    // also make a second SQLite connection in this process wait, blocking.)
    if (rows.length <= INSERT_CHUNK) await insert(this.#db);
    else await this.#db.transaction().execute(insert);
    if (this.#postgres) await sql`select pg_notify(${this.#postgres.channel}, '')`.execute(this.#db);
    for (const wake of this.#wakers) wake();
  }

  /** Counts waiting messages (ready and delayed), leaving out those a worker holds. */
  async getDepth(): Promise<MessageQueueDepth> {
    const now = this.#now;
    const row = await this.#db
      .selectFrom("fedify_messages")
      .select((eb) => [
        eb.fn.countAll().as("queued"),
        eb.fn.count(sql`case when available_at <= ${now} then 1 end`).as("ready"),
      ])
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
      .executeTakeFirstOrThrow();
    const queued = Number(row.queued);
    const ready = Number(row.ready);
    return { queued, ready, delayed: queued - ready };
  }

  /**
   * Takes and handles messages, up to `parallelism` at once, until the signal
   * aborts; then waits for the running handlers and resolves. Never rejects.
   */
  async listen(handler: Handler, options?: MessageQueueListenOptions): Promise<void> {
    const signal = options?.signal;
    if (signal?.aborted) return;
    const waker = createWaker(signal);
    this.#wakers.add(waker.wake);
    const running = new Map<TakenMessage, Promise<void>>();
    const heartbeat = setInterval(() => void this.#renew([...running.keys()]), Math.max(1, this.#leaseMs / 3));
    const notifications = this.#postgres ? new PgNotificationListener(this.#postgres, waker.wake, logger) : undefined;
    try {
      while (!signal?.aborted) {
        await notifications?.ensure(this.#pollMs);
        const free = this.#parallelism - running.size;
        for (const message of free > 0 ? await this.#take(free) : []) {
          const done = this.#handle(handler, message).finally(() => {
            running.delete(message);
            waker.wake();
          });
          running.set(message, done);
        }
        await waker.wait(this.#pollMs);
      }
    } finally {
      await Promise.all(running.values());
      clearInterval(heartbeat);
      waker.dispose();
      this.#wakers.delete(waker.wake);
      await notifications?.close();
    }
  }

  // Leases up to `limit` ready messages in one statement. Of the ready
  // messages of one ordering key only the first may be taken, and only while
  // none of them is held (held messages are ready ones with a live lease).
  async #take(limit: number): Promise<TakenMessage[]> {
    const now = this.#now;
    const heads = this.#db
      .selectFrom("fedify_messages as o")
      .select((eb) => eb.fn.min("o.id").as("id"))
      .where("o.ordering_key", "is not", null)
      .where("o.available_at", "<=", now)
      .groupBy("o.ordering_key")
      .having(sql`max(case when ${sql.ref("o.locked_until")} >= ${now} then 1 else 0 end)`, "=", 0);
    let eligible = this.#db
      .selectFrom("fedify_messages as m")
      .select("m.id")
      .where("m.available_at", "<=", now)
      .where((eb) => eb.or([eb("m.locked_until", "is", null), eb("m.locked_until", "<", now)]))
      .where((eb) => eb.or([eb("m.ordering_key", "is", null), eb("m.id", "in", heads)]))
      .orderBy("m.id")
      .limit(limit);
    if (this.#postgres) eligible = eligible.forUpdate().skipLocked();
    try {
      const rows = await this.#db
        .updateTable("fedify_messages")
        .set({ locked_until: sql<number>`${now} + ${this.#leaseMs}` })
        .where("id", "in", eligible)
        .returning(["id", "payload"])
        .execute();
      return rows.sort((a, b) => compareIds(a.id, b.id));
    } catch (error) {
      logger.error("Could not take queued messages: {error}", { error });
      return [];
    }
  }

  // Runs the handler; deletes the message on success, offers it again later on failure.
  async #handle(handler: Handler, message: TakenMessage): Promise<void> {
    try {
      await handler(JSON.parse(message.payload));
    } catch (error) {
      logger.error("Queued message {id} failed; offering it again: {error}", { id: message.id, error });
      await this.#db
        .updateTable("fedify_messages")
        .set({ locked_until: null, available_at: sql<number>`${this.#now} + ${this.#retryDelayMs}` })
        .where("id", "=", message.id)
        .execute()
        .catch((releaseError) => logger.error("Could not release message {id}: {error}", { id: message.id, error: releaseError }));
      return;
    }
    // If this fails the lease runs out and the message is handled again.
    await this.#db
      .deleteFrom("fedify_messages")
      .where("id", "=", message.id)
      .execute()
      .catch((error) => logger.error("Could not delete handled message {id}: {error}", { id: message.id, error }));
  }

  // Extends the leases of running messages so a slow handler keeps its message.
  async #renew(messages: TakenMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      await this.#db
        .updateTable("fedify_messages")
        .set({ locked_until: sql<number>`${this.#now} + ${this.#leaseMs}` })
        .where("id", "in", messages.map((m) => m.id))
        // A released message (null lease) stays released.
        .where("locked_until", "is not", null)
        .execute();
    } catch (error) {
      logger.error("Could not renew message leases: {error}", { error });
    }
  }

  // Time-sortable ids, strictly increasing per instance so one producer's
  // messages keep their order even within a millisecond.
  #nextId(): Id {
    const candidate = BigInt(this.#ids.next());
    this.#lastId = candidate > this.#lastId ? candidate : this.#lastId + 1n;
    return this.#lastId.toString();
  }
}

interface Waker {
  wake(): void;
  /** Resolves after `ms`, on wake() (also one that came before) or on abort. */
  wait(ms: number): Promise<void>;
  dispose(): void;
}

function createWaker(signal: AbortSignal | undefined): Waker {
  let pending = false;
  let resolveWait: (() => void) | undefined;
  const wake = () => {
    if (resolveWait) resolveWait();
    else pending = true;
  };
  signal?.addEventListener("abort", wake);
  return {
    wake,
    wait(ms) {
      if (pending || signal?.aborted) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolveWait?.(), ms);
        resolveWait = () => {
          clearTimeout(timer);
          resolveWait = undefined;
          resolve();
        };
      });
    },
    dispose: () => signal?.removeEventListener("abort", wake),
  };
}

function compareIds(a: Id, b: Id): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
