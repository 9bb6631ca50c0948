// The Kysely-backed Fedify MessageQueue, on this run's dialect (SQLite or
// PostgreSQL): Fedify's own conformance suite, then what a durable queue owes.
import { Temporal as Polyfill } from "@js-temporal/polyfill";
import { testMessageQueue } from "@fedify/testing";
import { type KyselyPlugin, sql, UpdateQueryNode } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DatabaseConfig, type DatabaseHandle, openDatabase } from "../../db/index.ts";
import { KyselyMessageQueue, type KyselyMessageQueueOptions } from "../../db/fedify/message-queue.ts";
import { openTestDatabase, testDialect } from "../helpers/database.ts";

// Fedify's types name the standard Temporal; Node 24 only has the polyfill Fedify uses.
const duration = (like: Temporal.DurationLike) => Polyfill.Duration.from(like) as unknown as Temporal.Duration;

let handle: DatabaseHandle;
// Extra handles on the same database: other "processes" with their own connections.
let others: DatabaseHandle[];
// Listeners started by a test, stopped after it.
let listeners: { controller: AbortController; done: Promise<void> }[];

beforeEach(async () => {
  handle = await openTestDatabase("mq");
  others = [];
  listeners = [];
});

afterEach(async () => {
  for (const { controller } of listeners) controller.abort();
  // A failed test may leave a handler blocked: wait for listeners a while only.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(listeners.map((l) => l.done)),
    new Promise((resolve) => (timer = setTimeout(resolve, 5_000))),
  ]);
  clearTimeout(timer);
  for (const other of others) await other.close().catch(() => undefined);
  await handle.close();
});

function otherHandle(): DatabaseHandle {
  const other = openDatabase(handle.config);
  others.push(other);
  return other;
}

function queueOn(on: DatabaseHandle, options: Partial<KyselyMessageQueueOptions> = {}): KyselyMessageQueue {
  return new KyselyMessageQueue(on.db, { database: on.config, pollIntervalMs: 25, ...options });
}

/** Starts listening; the returned promise is listen()'s. */
function listen(queue: KyselyMessageQueue, handler: (message: any) => Promise<void> | void) {
  const controller = new AbortController();
  const listener = { controller, done: queue.listen(handler, { signal: controller.signal }) };
  listeners.push(listener);
  return listener;
}

/** Polls `check` until it holds or the deadline passes. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met before the deadline");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise to resolve from outside. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function remaining(): Promise<number> {
  const row = await handle.db.selectFrom("fedify_messages").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Counts the takes (UPDATE ... RETURNING) of a handle wrapped with its plugin: rows each returned. */
function statementCounter() {
  const takeIds = new WeakSet<object>();
  const takes: number[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      if (UpdateQueryNode.is(node) && node.returning) takeIds.add(queryId);
      return node;
    },
    transformResult: async ({ queryId, result }) => {
      if (takeIds.has(queryId)) takes.push(result.rows.length);
      return result;
    },
  };
  return { plugin, takes };
}

describe("KyselyMessageQueue", () => {
  it("passes Fedify's message queue tests, ordering keys included", async () => {
    const run = testMessageQueue(
      () => queueOn(otherHandle(), { pollIntervalMs: undefined }),
      ({ controller }) => controller.abort(),
      { testOrderingKey: true },
    );
    await expect(run).resolves.toBeUndefined();
    expect(await remaining()).toBe(0);
  });

  it("takes again a message whose worker died holding it, once the lease runs out", async () => {
    const queue = queueOn(handle, { leaseMs: 500 });
    await queue.enqueue({ n: 1 });
    // The doomed worker: its own connections, a handler that never returns.
    const doomed = otherHandle();
    const stuck = gate();
    const taken: string[] = [];
    const dying = listen(queueOn(doomed, { leaseMs: 500 }), async () => {
      taken.push("doomed");
      await stuck.opened;
    });
    await eventually(() => taken.length === 1);
    await doomed.close(); // the process dies: no more lease renewals, no delete
    const survivor = listen(queue, () => void taken.push("survivor"));
    await eventually(async () => taken.length === 2 && (await remaining()) === 0);
    expect(taken).toEqual(["doomed", "survivor"]);
    stuck.open();
    dying.controller.abort();
    survivor.controller.abort();
    await Promise.all([dying.done, survivor.done]);
  });

  it("keeps a message held while a slow handler outlives its lease", async () => {
    const leaseMs = 500;
    const queue = queueOn(handle, { leaseMs });
    const slow = gate();
    const seen: number[] = [];
    const first = listen(queue, async (m: { n: number }) => {
      seen.push(m.n);
      await slow.opened;
    });
    await queue.enqueue({ n: 1 });
    await eventually(() => seen.length === 1);
    // A second consumer that would take the message the moment its lease lapsed.
    const second = listen(queueOn(otherHandle(), { leaseMs }), (m: { n: number }) => void seen.push(m.n));
    const lease = async () =>
      (await handle.db.selectFrom("fedify_messages").select("locked_until").executeTakeFirstOrThrow()).locked_until ?? 0;
    const firstLease = await lease();
    // Renewed until the first lease is 100 ms past (a renewed lease ends a
    // lease length after its renewal), while the other consumer kept polling.
    await eventually(async () => (await lease()) >= firstLease + leaseMs + 100);
    expect(seen).toEqual([1]);
    expect(await queue.getDepth()).toEqual({ queued: 0, ready: 0, delayed: 0 });
    slow.open();
    await eventually(async () => (await remaining()) === 0);
    expect(seen).toEqual([1]);
    first.controller.abort();
    second.controller.abort();
  });

  it("delivers a delayed message only after its delay, counting it as delayed meanwhile", async () => {
    const queue = queueOn(handle);
    const received: { name: string; at: number }[] = [];
    const enqueuedAt = Date.now();
    await queue.enqueue("later", { delay: duration({ milliseconds: 400 }) });
    await queue.enqueue("now");
    expect(await queue.getDepth()).toEqual({ queued: 2, ready: 1, delayed: 1 });
    listen(queue, (name: string) => void received.push({ name, at: Date.now() }));
    await eventually(() => received.length === 2);
    expect(received.map((r) => r.name)).toEqual(["now", "later"]);
    expect(received[1]!.at - enqueuedAt).toBeGreaterThanOrEqual(400);
  });

  it("handles one message per ordering key at a time, in order, across consumers", async () => {
    const queue = queueOn(handle, { parallelism: 8 });
    const keys = ["alice", "bob", "carol"];
    for (const key of keys) {
      await queue.enqueueMany(Array.from({ length: 15 }, (_, i) => ({ key, i })), { orderingKey: key });
    }
    await queue.enqueueMany(Array.from({ length: 10 }, (_, i) => ({ key: null, i })));
    const active = new Map<string | null, number>();
    const order = new Map<string | null, number[]>();
    let overlaps = 0;
    let running = 0;
    let mostRunning = 0;
    const handler = async (m: { key: string | null; i: number }) => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      if (m.key !== null && (active.get(m.key) ?? 0) > 0) overlaps++;
      active.set(m.key, (active.get(m.key) ?? 0) + 1);
      order.set(m.key, [...(order.get(m.key) ?? []), m.i]);
      await handle.db.selectFrom("fedify_messages").select("id").limit(1).execute(); // real I/O
      active.set(m.key, active.get(m.key)! - 1);
      running--;
    };
    listen(queue, handler);
    listen(queueOn(otherHandle(), { parallelism: 8 }), handler);
    await eventually(async () => (await remaining()) === 0);
    expect(overlaps).toBe(0);
    for (const key of keys) expect(order.get(key)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(order.get(null)?.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(mostRunning).toBeGreaterThan(1);
  });

  it("wakes an idle listener on enqueue instead of waiting for its next poll", async () => {
    // Counts the consumer's takes (UPDATE ... RETURNING) that found nothing.
    const takes = new WeakSet<object>();
    let emptyTakes = 0;
    const takeCounter: KyselyPlugin = {
      transformQuery: ({ node, queryId }) => {
        if (UpdateQueryNode.is(node) && node.returning) takes.add(queryId);
        return node;
      },
      transformResult: async ({ queryId, result }) => {
        if (takes.has(queryId) && result.rows.length === 0) emptyTakes++;
        return result;
      },
    };
    const own = otherHandle();
    const consumer = new KyselyMessageQueue(own.db.withPlugin(takeCounter), { database: own.config, pollIntervalMs: 60_000 });
    // PostgreSQL: another instance with its own pool, reached through NOTIFY.
    // SQLite has one writing process: the same instance wakes its listener.
    const producer = handle.kind === "postgres" ? queueOn(handle) : consumer;
    const received: string[] = [];
    listen(consumer, (m: string) => void received.push(m));
    // Idle: it looked (on PostgreSQL once more after LISTEN) and now sleeps 60 s.
    await eventually(() => emptyTakes >= (handle.kind === "postgres" ? 2 : 1));
    await producer.enqueue("wake up");
    await eventually(() => received.length === 1, 5_000);
    expect(received).toEqual(["wake up"]);
  });

  // LISTEN exists only on PostgreSQL; on SQLite there is nothing to lose.
  if (testDialect() === "postgres") {
    it("listens again after losing its LISTEN connection", async () => {
      const config = handle.config as Extract<DatabaseConfig, { kind: "postgres" }>;
      // The session LISTENing on this schema's channel (see channelName()).
      const listenerPid = async () => {
        const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
          where query = ${`LISTEN "parley_queue_${config.schema}"`}`.execute(handle.db);
        return rows[0]?.pid;
      };
      const consumer = queueOn(otherHandle(), { pollIntervalMs: 60_000 });
      const received: string[] = [];
      listen(consumer, (m: string) => void received.push(m));
      await eventually(async () => (await listenerPid()) !== undefined);
      const first = await listenerPid();
      await sql`select pg_terminate_backend(${first})`.execute(handle.db);
      await eventually(async () => ![undefined, first].includes(await listenerPid()));
      await queueOn(handle).enqueue("after reconnect");
      await eventually(() => received.length === 1, 5_000);
      expect(received).toEqual(["after reconnect"]);
    });
  }

  it("runs up to `parallelism` handlers at once, never more", async () => {
    const queue = queueOn(handle, { parallelism: 4 });
    await queue.enqueueMany(Array.from({ length: 10 }, (_, i) => i));
    const fourRunning = gate();
    let running = 0;
    let mostRunning = 0;
    let handled = 0;
    listen(queue, async () => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      if (running === 4) fourRunning.open();
      await fourRunning.opened;
      running--;
      handled++;
    });
    await eventually(() => handled === 10);
    expect(mostRunning).toBe(4);
  });

  it("lets two consumers with their own pools share the work without handling a message twice", async () => {
    const total = 200;
    const queue = queueOn(handle);
    await queue.enqueueMany(Array.from({ length: total }, (_, i) => i));
    const seen = new Map<number, number>();
    const perConsumer = [0, 0];
    const bothWorking = gate();
    const consumer = (index: number) => async (n: number) => {
      seen.set(n, (seen.get(n) ?? 0) + 1);
      perConsumer[index]!++;
      if (perConsumer[0]! > 0 && perConsumer[1]! > 0) bothWorking.open();
      // Neither consumer finishes anything before the other one took a message.
      await bothWorking.opened;
    };
    listen(queueOn(otherHandle()), consumer(0));
    listen(queueOn(otherHandle()), consumer(1));
    await eventually(async () => seen.size === total && (await remaining()) === 0);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect(perConsumer[0]! + perConsumer[1]!).toBe(total);
    expect(Math.min(...perConsumer)).toBeGreaterThan(0);
  });

  it("offers a message again after its handler threw", async () => {
    const queue = queueOn(handle, { retryDelayMs: 50 });
    const attempts: number[] = [];
    listen(queue, () => {
      attempts.push(Date.now());
      if (attempts.length === 1) throw new Error("boom");
    });
    await queue.enqueue("flaky");
    await eventually(async () => attempts.length === 2 && (await remaining()) === 0);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(50);
  });

  it("resolves listen() on abort only after the running handlers finish", async () => {
    const queue = queueOn(handle);
    const release = gate();
    let started = false;
    let finished = false;
    const { controller, done } = listen(queue, async () => {
      started = true;
      await release.opened;
      finished = true;
    });
    await queue.enqueue("in flight");
    await eventually(() => started);
    controller.abort();
    let resolved = false;
    void done.then(() => (resolved = true));
    await handle.db.selectFrom("fedify_messages").select("id").execute(); // let a round trip pass
    expect(resolved).toBe(false);
    release.open();
    await done;
    expect(finished).toBe(true);
    expect(await remaining()).toBe(0);
  });

  it("hands a message enqueued here straight to an idle listener, leased, without a take", async () => {
    const counter = statementCounter();
    const own = otherHandle();
    const queue = new KyselyMessageQueue(own.db.withPlugin(counter.plugin), { database: own.config, pollIntervalMs: 60_000 });
    const leases: (number | null)[] = [];
    listen(queue, async (m: string) => {
      const row = await handle.db.selectFrom("fedify_messages").select("locked_until").executeTakeFirst();
      leases.push(row?.locked_until ?? null);
      expect(m).toBe("direct");
    });
    await eventually(() => counter.takes.length >= 1); // its first look found nothing
    await queue.enqueue("direct");
    await eventually(async () => leases.length === 1 && (await remaining()) === 0);
    expect(leases[0]).not.toBeNull();
    expect(counter.takes.filter((rows) => rows > 0)).toEqual([]);
  });

  it("takes a message handed to a listener that died, once its lease runs out", async () => {
    const doomed = otherHandle();
    const doomedQueue = queueOn(doomed, { leaseMs: 500 });
    const stuck = gate();
    const taken: string[] = [];
    const dying = listen(doomedQueue, async () => {
      taken.push("doomed");
      await stuck.opened;
    });
    await doomedQueue.enqueue({ n: 1 }); // leased to the doomed listener at insert
    await eventually(() => taken.length === 1);
    await doomed.close();
    const survivor = listen(queueOn(handle, { leaseMs: 500 }), () => void taken.push("survivor"));
    await eventually(async () => taken.length === 2 && (await remaining()) === 0);
    expect(taken).toEqual(["doomed", "survivor"]);
    stuck.open();
    dying.controller.abort();
    survivor.controller.abort();
    await Promise.all([dying.done, survivor.done]);
  });

  it("runs Fedify's deliveries and other work in lanes of their own parallelism", async () => {
    const queue = queueOn(handle, { parallelism: 2, deliveryParallelism: 3 });
    await queue.enqueueMany(Array.from({ length: 6 }, (_, i) => ({ type: "inbox", i })));
    await queue.enqueueMany(Array.from({ length: 6 }, (_, i) => ({ type: "outbox", i })));
    const running = { inbox: 0, outbox: 0 };
    const most = { inbox: 0, outbox: 0 };
    const bothFull = gate();
    let handled = 0;
    listen(queue, async (m: { type: "inbox" | "outbox" }) => {
      running[m.type]++;
      most[m.type] = Math.max(most[m.type], running[m.type]);
      if (running.inbox === 2 && running.outbox === 3) bothFull.open();
      await bothFull.opened;
      running[m.type]--;
      handled++;
    });
    await eventually(async () => handled === 12 && (await remaining()) === 0);
    expect(most).toEqual({ inbox: 2, outbox: 3 });
  });

  it("does not make deliveries wait behind a backlog of other work", async () => {
    const queue = queueOn(handle, { parallelism: 1 });
    await queue.enqueueMany(Array.from({ length: 20 }, (_, i) => ({ type: "inbox", i })));
    await queue.enqueue({ type: "fanout" });
    const delivered = gate();
    const seen: string[] = [];
    let inboxBeforeDelivery = -1;
    listen(queue, async (m: { type: string }) => {
      seen.push(m.type);
      if (m.type === "fanout") {
        inboxBeforeDelivery = seen.length - 1;
        delivered.open();
      } else {
        await delivered.opened; // inbox work waits until the delivery went
      }
    });
    await eventually(async () => seen.length === 21 && (await remaining()) === 0);
    // Only the one inbox message in the single slot started before the delivery.
    expect(inboxBeforeDelivery).toBeLessThanOrEqual(1);
  });

  it("takes in batches once a few slots are free, not one message at a time", async () => {
    const counter = statementCounter();
    const own = otherHandle();
    const queue = new KyselyMessageQueue(own.db.withPlugin(counter.plugin), { database: own.config, pollIntervalMs: 25, parallelism: 8 });
    await queue.enqueueMany(Array.from({ length: 40 }, (_, i) => i));
    let handled = 0;
    listen(queue, async () => {
      await handle.db.selectFrom("fedify_messages").select("id").limit(1).execute(); // real I/O
      handled++;
    });
    await eventually(async () => handled === 40 && (await remaining()) === 0);
    // 8 at first, then at least 2 (a quarter of the slots) per take, the last one aside.
    expect(counter.takes.filter((rows) => rows > 0).length).toBeLessThanOrEqual(1 + Math.ceil(32 / 2));
  });

  it("resolves at once when listening with an aborted signal", async () => {
    const queue = queueOn(handle);
    let called = false;
    await queue.listen(() => void (called = true), { signal: AbortSignal.abort() });
    await queue.enqueue("unheard");
    expect(called).toBe(false);
    expect(await queue.getDepth()).toEqual({ queued: 1, ready: 1, delayed: 0 });
  });
});
