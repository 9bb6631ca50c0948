// A crash loses no delivery. Instance A runs as two processes on one database,
// as a production instance may: this test process serves its web side (behind
// HTTPS) and writes posts; a child process `src/main.ts worker` delivers. With
// B down, alice@A posts; the worker is killed with SIGKILL mid-retry, restarted,
// B comes back: every post arrives exactly once.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccountByUri } from "../../db/queries/accounts.ts";
import { databaseEnv, killHard, spawnParley } from "../helpers/child-process.ts";
import { eventually, followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance;
let workDir: string;
let worker: ChildProcess | null = null;

/** Starts `src/main.ts worker` for instance A, on A's database and the rig's network. */
function startWorker(): ChildProcess {
  const caFile = join(workDir, "ca.pem");
  writeFileSync(caFile, rig.caPem);
  const child = spawnParley(["worker"], {
    ...databaseEnv(a.app.database.config),
    PARLEY_PUBLIC_URL: a.url.origin,
    PARLEY_ALLOW_PRIVATE_ADDRESS: "true",
    PARLEY_LOG_LEVEL: "error",
    PARLEY_RIG_CA_FILE: caFile,
    PARLEY_RIG_HOSTS: JSON.stringify(rig.hosts),
  }, ["--import", "./test/rig/net/child-preload.ts"]);
  // Failed deliveries to the offline peer are logged; keep them out of the test output.
  child.stderr?.resume();
  child.stdout?.resume();
  return child;
}

/** Moves every open circuit breaker of `instance` back in time by `ms`, as if that time had passed. */
async function rewindOpenCircuits(instance: RigInstance, ms: number): Promise<void> {
  const { db } = instance.app.database;
  const rows = await db.selectFrom("fedify_kv").select(["key", "value"]).where("key", "like", '["_fedify","circuit",%').execute();
  for (const row of rows) {
    const state = JSON.parse(row.value) as { state: string; opened?: string };
    if (state.state !== "open" || state.opened === undefined) continue;
    const opened = new Date(Date.parse(state.opened) - ms).toISOString();
    await db.updateTable("fedify_kv").set({ value: JSON.stringify({ ...state, opened }) }).where("key", "=", row.key).execute();
  }
}

const count = async (instance: RigInstance, table: "fedify_messages" | "outbox_events") =>
  Number((await instance.app.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "parley-durability-"));
  // A's in-process side serves HTTP and drains the outbox but consumes no queue.
  rig = await startRig(["a", "b"], {}, { a: { runQueue: false } });
  [a, b] = rig.instances as [RigInstance, RigInstance];
  worker = startWorker();
});
afterAll(async () => {
  if (worker) await killHard(worker);
  await rig?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe("durable delivery", () => {
  it("delivers every post exactly once across a SIGKILL of the worker and a peer outage", async () => {
    const alice = await a.createAccount("alice");
    const bob = await b.createAccount("bob");
    // bob@B follows alice@A: A's worker handles the Follow and sends the Accept.
    await followAcross(rig, b, bob, a, alice);

    await b.goOffline();
    const posts = [];
    for (let i = 1; i <= 5; i++) posts.push(await a.post(alice, `durable post ${i}`));
    // All five deliveries are in A's durable queue, and the worker has tried at least once.
    await eventually(async () => (await count(a, "outbox_events")) === 0 && (await count(a, "fedify_messages")) >= 5, { what: "queued deliveries" });

    await killHard(worker!);
    worker = null;
    await b.goOnline();
    // Fedify backs off exponentially between attempts (1 s, 2 s, 4 s, ... with jitter); on a
    // loaded machine the peer's outage can push the next attempt minutes away. Time passing
    // is not what this test is about: make every pending retry due now. (A message the
    // killed worker held stays hidden until its lease runs out, as it must.)
    await a.app.database.db.updateTable("fedify_messages").set({ available_at: 0 }).execute();
    // Five failures in a row open Fedify's circuit for B's host: deliveries are held
    // (kept, not sent) for its 30-minute recovery delay, in state shared by all of A's
    // processes. Let those minutes pass too, so the next attempt is a half-open probe.
    await rewindOpenCircuits(a, 31 * 60_000);
    worker = startWorker();

    const aliceOnB = await eventually(() => findAccountByUri(b.app.database.db, alice.uri), { what: "alice on B" });
    const arrived = await eventually(async () => {
      const rows = await b.app.database.db.selectFrom("statuses").select("uri").where("account_id", "=", aliceOnB.id).execute();
      return rows.length >= posts.length ? rows : null;
    }, { timeoutMs: 150_000, what: "all posts on B" });
    await eventually(async () => (await count(a, "fedify_messages")) === 0, { timeoutMs: 60_000, what: "A's queue to empty" });
    expect(arrived.map((r) => r.uri).sort()).toEqual(posts.map((p) => p.uri).sort());
    // Exactly once: one home-timeline entry and no duplicate rows per post.
    const home = await b.app.database.db.selectFrom("home_timeline_entries").select("status_id").where("account_id", "=", bob.id).execute();
    expect(home).toHaveLength(posts.length);
  }, 300_000);
});
