// Fedify's durable message queue in our own database, table fedify_messages
// (docs/adr/0003-queue-on-the-database.md). A worker leases a message
// (locked_until), runs the handler, deletes it; a lease left by a dead worker
// expires and the message is taken again: at-least-once delivery.
// PostgreSQL: several processes take with FOR UPDATE SKIP LOCKED and wake on
// LISTEN/NOTIFY. SQLite: one process, short polls, in-process wake-ups.
// Statements per message are kept few (docs/adr/0018-performance.md): a
// message enqueued where a listener has a free slot is inserted leased to it,
// takes and deletes go in batches.
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
import { encodeMessage, inLane, Lane, LANES, type LaneName, laneOf } from "./queue-lanes.ts";
import { createWaker } from "./waker.ts";

const logger = getLogger(["parley", "queue"]);
// Rows per INSERT: well under both dialects' limits on bound parameters.
const INSERT_CHUNK = 500;
// Handled messages are deleted together: before the next take, once this many
// wait, or after DELETE_DELAY_MS. Their leases hide them meanwhile; a crash in
// between means they run again, as ever with at-least-once delivery.
const DELETE_BATCH = 16;
const DELETE_DELAY_MS = 20;

export interface KyselyMessageQueueOptions {
  /** The database's configuration: its kind picks the dialect; url and schema serve LISTEN. */
  database: DatabaseConfig;
  /** Messages one listen() handles at once, Fedify's outbound deliveries aside. Default 8. */
  parallelism?: number;
  /** Fedify's outbound deliveries (outbox and fanout messages) one listen() runs at once. Default 32. */
  deliveryParallelism?: number;
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
  ordering_key: string | null;
}

type Handler = (message: any) => Promise<void> | void;

// A listen() of this instance that takes messages enqueued here directly.
interface LocalConsumer {
  /** Holds up to `count` free slots of the lane; returns how many it holds. */
  reserve(lane: LaneName, count: number): number;
  /** Handles these messages (inserted leased to it) in held slots, then frees all `held`. */
  start(lane: LaneName, messages: TakenMessage[], held: number): void;
}

/** A Fedify MessageQueue on Kysely; several instances may share one database. */
export class KyselyMessageQueue implements MessageQueue {
  /** Fedify retries failed deliveries itself by enqueuing them again. */
  readonly nativeRetrial = false;
  readonly #db: Kysely<Database>;
  readonly #postgres: { url: string; channel: string } | undefined;
  readonly #parallelism: Record<LaneName, number>;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #retryDelayMs: number;
  // The database's clock in ms, read when a statement runs: leases stay right
  // however long a statement waited for its connection, on whichever host.
  readonly #now: RawBuilder<number>;
  readonly #ids: IdGenerator = createIdGenerator();
  // The listen()s of this instance: woken on enqueue, offered its messages.
  readonly #wakers = new Set<(lane?: LaneName) => void>();
  readonly #consumers = new Set<LocalConsumer>();
  #lastId = 0n;

  /** Uses the handle's Kysely instance; on PostgreSQL listen() also opens one LISTEN client. */
  constructor(db: Kysely<Database>, options: KyselyMessageQueueOptions) {
    const { database } = options;
    this.#db = db;
    this.#postgres = database.kind === "postgres"
      ? { url: database.url, channel: channelName("parley_queue", database.schema ?? "public") }
      : undefined;
    this.#parallelism = {
      other: Math.max(1, options.parallelism ?? 8),
      deliveries: Math.max(1, options.deliveryParallelism ?? 32),
    };
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

  /**
   * Enqueues messages atomically, in their order, and wakes the listeners.
   * Ready messages without an ordering key go straight to a listen() of this
   * instance with free slots: inserted already leased to it, they need no
   * take (the lease is what a take would have written).
   */
  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (messages.length === 0) return;
    const delayMs = options?.delay === undefined ? 0 : Math.max(0, Math.ceil(options.delay.total({ unit: "millisecond" })));
    const orderingKey = options?.orderingKey ?? null;
    const lanes = new Set(messages.map(laneOf));
    const lane = lanes.size === 1 ? [...lanes][0]! : undefined;
    const direct = lane && delayMs === 0 && orderingKey === null ? this.#reserve(lane, messages.length) : undefined;
    const held = direct?.held ?? 0;
    const rows = messages.map((message, i) => ({
      id: this.#nextId(),
      payload: encodeMessage(message),
      ordering_key: orderingKey,
      available_at: sql<number>`${this.#now} + ${delayMs}`,
      locked_until: i < held ? sql<number>`${this.#now} + ${this.#leaseMs}` : null,
      created_at: this.#now,
    }));
    const insert = async (db: Kysely<Database>) => {
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        await db.insertInto("fedify_messages").values(rows.slice(start, start + INSERT_CHUNK)).execute();
      }
    };
    try {
      // One statement is atomic already. (A transaction held across awaits would
      // also make a second SQLite connection in this process wait, blocking.)
      if (rows.length <= INSERT_CHUNK) await insert(this.#db);
      else await this.#db.transaction().execute(insert);
    } catch (error) {
      if (direct) direct.consumer.start(direct.lane, [], held);
      throw error;
    }
    if (direct) {
      const leased = rows.slice(0, held).map((row) => ({ id: row.id, payload: row.payload, ordering_key: null }));
      direct.consumer.start(direct.lane, leased, held);
    }
    if (held === rows.length) return;
    if (this.#postgres) await sql`select pg_notify(${this.#postgres.channel}, ${lane ?? ""})`.execute(this.#db);
    for (const wake of this.#wakers) wake(lane);
  }

  // Free slots of one local listener for up to `count` messages of `lane`.
  #reserve(lane: LaneName, count: number): { consumer: LocalConsumer; lane: LaneName; held: number } | undefined {
    for (const consumer of this.#consumers) {
      const held = consumer.reserve(lane, count);
      if (held > 0) return { consumer, lane, held };
    }
    return undefined;
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
   * Takes and handles messages, up to the parallelism of each lane at once,
   * until the signal aborts; then waits for the running handlers and
   * resolves. Never rejects.
   */
  async listen(handler: Handler, options?: MessageQueueListenOptions): Promise<void> {
    const signal = options?.signal;
    if (signal?.aborted) return;
    const waker = createWaker(signal);
    const lanes: Record<LaneName, Lane> = {
      deliveries: new Lane(this.#parallelism.deliveries, this.#pollMs),
      other: new Lane(this.#parallelism.other, this.#pollMs),
    };
    const onWork = (lane?: LaneName) => {
      for (const name of lane ? [lane] : LANES) lanes[name].signal();
      waker.wake();
    };
    const running = new Map<TakenMessage, Promise<void>>();
    // Handled messages not deleted yet: their live leases keep them from being taken again.
    const handled: TakenMessage[] = [];
    let handledSince = 0;
    const run = (lane: LaneName, message: TakenMessage) => {
      lanes[lane].running++;
      const done = this.#handle(handler, message).then((succeeded) => {
        if (!succeeded) return;
        if (handled.length === 0) handledSince = Date.now();
        handled.push(message);
      }).finally(() => {
        lanes[lane].running--;
        running.delete(message);
        waker.wake();
      });
      running.set(message, done);
    };
    const consumer: LocalConsumer = {
      reserve: (lane, count) => (signal?.aborted ? 0 : lanes[lane].reserve(count)),
      // After the enqueueing caller's turn: its response should not wait on our handlers.
      start: (lane, messages, held) => void setImmediate(() => {
        lanes[lane].reserved -= held;
        if (signal?.aborted) void this.#release(messages.map((m) => m.id), 0);
        else for (const message of messages) run(lane, message);
      }),
    };
    this.#wakers.add(onWork);
    this.#consumers.add(consumer);
    const heartbeat = setInterval(() => void this.#renew([...running.keys()]), Math.max(1, this.#leaseMs / 3));
    const notifications = this.#postgres
      ? new PgNotificationListener(this.#postgres, (payload) => onWork(LANES.find((l) => l === payload)), logger)
      : undefined;
    try {
      while (!signal?.aborted) {
        await notifications?.ensure(this.#pollMs);
        const now = Date.now();
        const wanted = LANES.map((lane) => ({ lane, count: lanes[lane].wanted(now) })).filter((w) => w.count > 0);
        if (handled.length > 0 && (wanted.length > 0 || handled.length >= DELETE_BATCH || now - handledSince >= DELETE_DELAY_MS)) {
          const done = handled.splice(0);
          await this.#delete(done.map((m) => m.id));
          // The next message of an ordering key may be taken only now.
          if (done.some((m) => m.ordering_key !== null)) onWork();
        }
        for (const { lane, count } of wanted) {
          const took = lanes[lane].taking(now, count);
          const taken = await this.#take(lane, count);
          took(taken.length);
          for (const message of taken) run(lane, message);
        }
        const later = Date.now();
        const untilPoll = Math.min(...LANES.map((lane) => lanes[lane].untilPoll(later)));
        const untilDelete = handled.length > 0 ? handledSince + DELETE_DELAY_MS - later : Infinity;
        // At most a poll interval: full lanes wait for a handler to finish.
        await waker.wait(Math.max(0, Math.min(untilPoll, untilDelete, this.#pollMs)));
      }
    } finally {
      this.#consumers.delete(consumer);
      this.#wakers.delete(onWork);
      await Promise.all(running.values());
      await this.#delete(handled.splice(0).map((m) => m.id));
      clearInterval(heartbeat);
      waker.dispose();
      await notifications?.close();
    }
  }

  // Leases up to `limit` ready messages in one statement. Of the ready
  // messages of one ordering key only the first may be taken, and only while
  // none of them is held (held messages are ready ones with a live lease).
  // Ready messages go in the order they became ready: the (available_at, id)
  // index yields them in that order, so the statement stops after `limit`
  // rows instead of reading and sorting the whole backlog.
  async #take(lane: LaneName, limit: number): Promise<TakenMessage[]> {
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
      .where(inLane(lane, sql.ref("m.payload")))
      .orderBy("m.available_at")
      .orderBy("m.id")
      .limit(limit);
    if (this.#postgres) eligible = eligible.forUpdate().skipLocked();
    try {
      const rows = await this.#db
        .updateTable("fedify_messages")
        .set({ locked_until: sql<number>`${now} + ${this.#leaseMs}` })
        .where("id", "in", eligible)
        .returning(["id", "payload", "ordering_key"])
        .execute();
      return rows.sort((a, b) => compareIds(a.id, b.id));
    } catch (error) {
      logger.error("Could not take queued messages: {error}", { error });
      return [];
    }
  }

  // Runs the handler; true when it succeeded. A message whose handler threw
  // is offered again later.
  async #handle(handler: Handler, message: TakenMessage): Promise<boolean> {
    try {
      await handler(JSON.parse(message.payload));
      return true;
    } catch (error) {
      logger.error("Queued message {id} failed; offering it again: {error}", { id: message.id, error });
      await this.#release([message.id], this.#retryDelayMs);
      return false;
    }
  }

  // Gives up leases: the messages are offered again after `delayMs`.
  async #release(ids: Id[], delayMs: number): Promise<void> {
    await this.#db
      .updateTable("fedify_messages")
      .set({ locked_until: null, available_at: sql<number>`${this.#now} + ${delayMs}` })
      .where("id", "in", ids)
      .execute()
      .catch((error) => logger.error("Could not release messages {ids}: {error}", { ids, error }));
    if (delayMs === 0) for (const wake of this.#wakers) wake();
  }

  // Deletes handled messages, in one statement per listen() round. If this
  // fails the leases run out and the messages are handled again.
  async #delete(ids: Id[]): Promise<void> {
    if (ids.length === 0) return;
    await this.#db
      .deleteFrom("fedify_messages")
      .where("id", "in", ids)
      .execute()
      .catch((error) => logger.error("Could not delete handled messages {ids}: {error}", { ids, error }));
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

function compareIds(a: Id, b: Id): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
