// The in-process read cache in front of the Kysely KvStore, on this run's
// dialect: what it serves from memory, for how long, and what always goes to
// the database. "Behind its back" is another store on the same database, as
// another process would be.
import type { KvKey } from "@fedify/fedify";
import { Temporal as Polyfill } from "@js-temporal/polyfill";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/index.ts";
import { KyselyKvStore } from "../../db/fedify/kv-store.ts";
import { MemoKvStore, type MemoKvStoreOptions } from "../../db/fedify/memo-kv-store.ts";
import { openTestDatabase } from "../helpers/database.ts";

// Fedify's types name the standard Temporal; Node 24 only has the polyfill Fedify uses.
const duration = (like: Temporal.DurationLike) => Polyfill.Duration.from(like) as unknown as Temporal.Duration;

const KEY: KvKey = ["_fedify", "publicKey", "https://remote.example/users/a#main-key"];
const OTHER: KvKey = ["_fedify", "activityIdempotence", "https://remote.example/activities/1"];

let handle: DatabaseHandle;
let database: KyselyKvStore; // the database itself, as another process sees it
let clock: number;

beforeEach(async () => {
  handle = await openTestDatabase("memo");
  database = new KyselyKvStore(handle.db);
  clock = 1_000_000;
});

afterEach(async () => {
  await handle.close();
});

type Inner = ConstructorParameters<typeof MemoKvStore>[0];

/** A store on the database whose get goes through `get`. */
function withGet(get: (inner: KyselyKvStore, key: KvKey) => Promise<unknown>): Inner {
  const inner = new KyselyKvStore(handle.db);
  return {
    get: <T>(key: KvKey) => get(inner, key) as Promise<T | undefined>,
    set: (key, value, options) => inner.set(key, value, options),
    delete: (key) => inner.delete(key),
    cas: (key, expected, value, options) => inner.cas(key, expected, value, options),
    list: (prefix) => inner.list(prefix),
  };
}

function memo(options: Partial<MemoKvStoreOptions> = {}, inner: Inner = new KyselyKvStore(handle.db)): MemoKvStore {
  return new MemoKvStore(inner, { rules: [{ prefix: ["_fedify", "publicKey"], ttlMs: 60_000 }], now: () => clock, ...options });
}

describe("MemoKvStore", () => {
  it("serves a covered key from memory until its ttl, then reads the database again", async () => {
    const kv = memo();
    await database.set(KEY, "old");
    expect(await kv.get(KEY)).toBe("old");
    await database.set(KEY, "new"); // behind its back
    expect(await kv.get(KEY)).toBe("old");
    clock += 60_000;
    expect(await kv.get(KEY)).toBe("new");
  });

  it("remembers that a covered key is absent, for the ttl too", async () => {
    const kv = memo();
    expect(await kv.get(KEY)).toBeUndefined();
    await database.set(KEY, "arrived");
    expect(await kv.get(KEY)).toBeUndefined();
    clock += 60_000;
    expect(await kv.get(KEY)).toBe("arrived");
  });

  it("always reads keys outside its rules from the database", async () => {
    const kv = memo();
    await database.set(OTHER, true);
    expect(await kv.get(OTHER)).toBe(true);
    await database.delete(OTHER);
    expect(await kv.get(OTHER)).toBeUndefined();
  });

  it("shows its own writes and deletes at once, and writes them through", async () => {
    const kv = memo();
    expect(await kv.get(KEY)).toBeUndefined();
    await kv.set(KEY, { id: "k1" });
    expect(await kv.get(KEY)).toEqual({ id: "k1" });
    expect(await database.get(KEY)).toEqual({ id: "k1" });
    await kv.delete(KEY);
    expect(await kv.get(KEY)).toBeUndefined();
    expect(await database.get(KEY)).toBeUndefined();
  });

  it("hands out copies: a caller changing a value does not change the memo", async () => {
    const kv = memo();
    await kv.set(KEY, { keys: ["a"] });
    const first = await kv.get<{ keys: string[] }>(KEY);
    first!.keys.push("b");
    expect(await kv.get(KEY)).toEqual({ keys: ["a"] });
  });

  it("leaves a covered key alone when it already holds that very value", async () => {
    const kv = memo();
    await kv.set(KEY, "rfc9421");
    await database.delete(KEY); // behind its back
    await kv.set(KEY, "rfc9421"); // the memo holds it: no write
    expect(await database.get(KEY)).toBeUndefined();
    await kv.set(KEY, "draft-cavage-http-signatures-12");
    expect(await database.get(KEY)).toBe("draft-cavage-http-signatures-12");
  });

  it("compares and swaps against the database, never its copy, and drops a copy that lost", async () => {
    const kv = memo();
    await kv.set(KEY, { state: "closed" });
    await database.set(KEY, { state: "open" }); // another process's swap
    expect(await kv.cas(KEY, { state: "closed" }, { state: "half-open" })).toBe(false);
    expect(await kv.get(KEY)).toEqual({ state: "open" });
    expect(await kv.cas(KEY, { state: "open" }, { state: "half-open" })).toBe(true);
    expect(await kv.get(KEY)).toEqual({ state: "half-open" });
    expect(await database.get(KEY)).toEqual({ state: "half-open" });
  });

  it("forgets a value written with a ttl of its own once that ttl is over", async () => {
    const kv = memo();
    await kv.set(KEY, null, { ttl: duration({ seconds: 10 }) });
    expect(await kv.get(KEY)).toBeNull();
    await database.set(KEY, "fetched"); // behind its back
    clock += 10_000;
    expect(await kv.get(KEY)).toBe("fetched");
  });

  it("does not let a read that started before a write replace the written value", async () => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const kv = memo({}, withGet(async (inner, key) => {
      const value = await inner.get(key);
      await paused;
      return value;
    }));
    await database.set(KEY, "before");
    const read = kv.get(KEY); // reads "before", then waits
    await kv.set(KEY, "after");
    release();
    expect(await read).toBe("before");
    expect(await kv.get(KEY)).toBe("after");
  });

  it("shares one database read between concurrent gets of a key", async () => {
    let reads = 0;
    const kv = memo({}, withGet((inner, key) => {
      reads++;
      return inner.get(key);
    }));
    await database.set(KEY, "shared");
    expect(await Promise.all([kv.get(KEY), kv.get(KEY), kv.get(KEY)])).toEqual(["shared", "shared", "shared"]);
    expect(reads).toBe(1);
  });

  it("keeps at most `capacity` entries, the least recently used going first", async () => {
    const kv = memo({ capacity: 2 });
    const key = (n: number): KvKey => ["_fedify", "publicKey", `k${n}`];
    for (const n of [1, 2]) await database.set(key(n), `v${n}`);
    expect([await kv.get(key(1)), await kv.get(key(2)), await kv.get(key(1))]).toEqual(["v1", "v2", "v1"]);
    await kv.get(key(3)); // a third entry: k2 goes
    await database.set(key(1), "v1'");
    await database.set(key(2), "v2'");
    expect([await kv.get(key(1)), await kv.get(key(2))]).toEqual(["v1", "v2'"]);
  });

  it("lists from the database", async () => {
    const kv = memo();
    await kv.set(KEY, "listed");
    const entries = [];
    for await (const entry of kv.list(["_fedify", "publicKey"])) entries.push(entry);
    expect(entries).toEqual([{ key: KEY, value: "listed" }]);
  });
});
