// The Kysely-backed Fedify KvStore, on this run's dialect (SQLite or PostgreSQL).
import { Temporal as Polyfill } from "@js-temporal/polyfill";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/index.ts";
import { KyselyKvStore } from "../../db/fedify/kv-store.ts";
import { openTestDatabase } from "../helpers/database.ts";

// Fedify's types name the standard Temporal; Node 24 only has the polyfill Fedify uses.
const duration = (like: Temporal.DurationLike) => Polyfill.Duration.from(like) as unknown as Temporal.Duration;
const ONE_MS = duration({ milliseconds: 1 });

let handle: DatabaseHandle;
let kv: KyselyKvStore;

beforeEach(async () => {
  handle = await openTestDatabase("kv");
  kv = new KyselyKvStore(handle.db);
});

afterEach(async () => {
  await handle.close();
});

// Polls until a 1 ms ttl given before this call has surely run out.
async function ttlRunsOut(): Promise<void> {
  const until = Date.now() + 2;
  const deadline = Date.now() + 5_000;
  while (Date.now() <= until) {
    if (Date.now() > deadline) throw new Error("clock did not advance");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function rowCount(): Promise<number> {
  const row = await handle.db.selectFrom("fedify_kv").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function listAll(prefix?: readonly [string, ...string[]]): Promise<unknown[]> {
  const entries = [];
  for await (const entry of kv.list(prefix)) entries.push(entry);
  return entries;
}

describe("KyselyKvStore", () => {
  it("stores, replaces and deletes JSON values", async () => {
    const value = { a: [1, "two", null, true], nested: { emoji: "🦣", quote: "\"'\\" } };
    expect(await kv.get(["missing"])).toBeUndefined();
    await kv.set(["doc", "https://example.com/x"], value);
    expect(await kv.get(["doc", "https://example.com/x"])).toEqual(value);
    await kv.set(["doc", "https://example.com/x"], "replaced");
    expect(await kv.get(["doc", "https://example.com/x"])).toBe("replaced");
    await kv.delete(["doc", "https://example.com/x"]);
    expect(await kv.get(["doc", "https://example.com/x"])).toBeUndefined();
    await expect(kv.delete(["doc", "never-there"])).resolves.toBeUndefined();
  });

  it("keeps keys apart that naive joining would confuse", async () => {
    await kv.set(["a", "b"], 1);
    await kv.set(["a,b"], 2);
    await kv.set(["a", "b", ""], 3);
    await kv.set(["a\",\"b"], 4);
    expect([await kv.get(["a", "b"]), await kv.get(["a,b"]), await kv.get(["a", "b", ""]), await kv.get(["a\",\"b"])])
      .toEqual([1, 2, 3, 4]);
  });

  it("hides expired entries and removes them lazily", async () => {
    await kv.set(["cache", "short"], "gone soon", { ttl: ONE_MS });
    await kv.set(["cache", "long"], "stays", { ttl: duration({ days: 1 }) });
    await ttlRunsOut();
    expect(await kv.get(["cache", "short"])).toBeUndefined();
    expect(await kv.get(["cache", "long"])).toBe("stays");
    expect(await listAll(["cache"])).toEqual([{ key: ["cache", "long"], value: "stays" }]);
    // The get above deleted the expired row.
    expect(await rowCount()).toBe(1);
  });

  it("sweeps expired rows nobody reads again when a new store writes", async () => {
    await kv.set(["forgotten"], 1, { ttl: ONE_MS });
    await ttlRunsOut();
    await new KyselyKvStore(handle.db).set(["fresh"], 2);
    expect(await rowCount()).toBe(1);
    expect(await kv.get(["fresh"])).toBe(2);
  });

  it("lists by key prefix, the prefix itself included", async () => {
    await kv.set(["actor", "b"], "b");
    await kv.set(["actor", "b", "keys"], "b/keys");
    await kv.set(["actor", "bc"], "bc");
    await kv.set(["other"], "other");
    const byKey = (entries: unknown[]) =>
      (entries as { key: string[] }[]).map((e) => JSON.stringify(e.key)).sort();
    expect(byKey(await listAll(["actor", "b"]))).toEqual(['["actor","b","keys"]', '["actor","b"]']);
    expect(byKey(await listAll(["actor"]))).toHaveLength(3);
    expect(byKey(await listAll())).toHaveLength(4);
    expect(await listAll(["act"])).toEqual([]);
  });

  it("compare-and-swaps against the live value, deep-equal", async () => {
    expect(await kv.cas(["lock"], undefined, { owner: 1, at: 5 })).toBe(true);
    expect(await kv.cas(["lock"], undefined, { owner: 2 })).toBe(false);
    expect(await kv.cas(["lock"], { owner: 2 }, { owner: 3 })).toBe(false);
    // Same value, other key order: still equal.
    expect(await kv.cas(["lock"], { at: 5, owner: 1 }, { owner: 4 })).toBe(true);
    expect(await kv.get(["lock"])).toEqual({ owner: 4 });
  });

  it("treats an expired value as absent in compare-and-swap", async () => {
    await kv.set(["lease"], "old", { ttl: ONE_MS });
    await ttlRunsOut();
    expect(await kv.cas(["lease"], "old", "new")).toBe(false);
    expect(await kv.cas(["lease"], undefined, "new")).toBe(true);
    expect(await kv.get(["lease"])).toBe("new");
  });

  it("lets exactly one of many concurrent compare-and-swaps win", async () => {
    await kv.set(["counter"], 0);
    const other = new KyselyKvStore(handle.db);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? kv : other).cas(["counter"], 0, i + 1)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await kv.get(["counter"])).toBe(results.indexOf(true) + 1);
  });
});
