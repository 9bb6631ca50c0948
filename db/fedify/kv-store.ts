// Fedify's key–value store (caches, idempotency marks, key material) kept in
// our own database, table fedify_kv, identical on SQLite and PostgreSQL
// (docs/adr/0003-queue-on-the-database.md). Keys are arrays of strings stored
// as their JSON text, values are JSON text, expiry is milliseconds or null.
import { isDeepStrictEqual } from "node:util";
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";
import { type Kysely, sql } from "kysely";
import type { Database } from "../schema/index.ts";

// Expired rows nobody reads again are swept at most this often per instance.
const SWEEP_INTERVAL_MS = 60_000;

/** A Fedify KvStore on Kysely; expired entries are invisible and removed lazily. */
export class KyselyKvStore implements KvStore {
  readonly #db: Kysely<Database>;
  #lastSweep = 0;

  /** Wraps a database handle's Kysely instance; holds no connection of its own. */
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Reads a live value; an expired row is deleted on the way. */
  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const encoded = encodeKey(key);
    const row = await this.#db
      .selectFrom("fedify_kv")
      .select(["value", "expires_at"])
      .where("key", "=", encoded)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const now = Date.now();
    if (isExpired(row.expires_at, now)) {
      await this.#db.deleteFrom("fedify_kv").where("key", "=", encoded).where("expires_at", "<=", now).execute();
      return undefined;
    }
    return JSON.parse(row.value) as T;
  }

  /** Writes a value, replacing any previous one; a ttl makes it expire. */
  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const now = Date.now();
    const row = { key: encodeKey(key), value: encodeValue(value), expires_at: expiresAt(options, now) };
    await this.#db
      .insertInto("fedify_kv")
      .values(row)
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: row.value, expires_at: row.expires_at }))
      .execute();
    await this.#sweep(now);
  }

  /** Removes a key; removing a missing key is not an error. */
  async delete(key: KvKey): Promise<void> {
    await this.#db.deleteFrom("fedify_kv").where("key", "=", encodeKey(key)).execute();
  }

  /**
   * Sets `newValue` only if the live value deep-equals `expectedValue`
   * (undefined meaning "absent or expired"). Atomic through conditional writes.
   */
  async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const encoded = encodeKey(key);
    const now = Date.now();
    const row = await this.#db
      .selectFrom("fedify_kv")
      .select(["value", "expires_at"])
      .where("key", "=", encoded)
      .executeTakeFirst();
    const live = row !== undefined && !isExpired(row.expires_at, now) ? row : undefined;
    const current = live === undefined ? undefined : JSON.parse(live.value);
    if (!isDeepStrictEqual(current, expectedValue)) return false;
    const value = encodeValue(newValue);
    const expires = expiresAt(options, now);
    if (live === undefined) {
      // Absent or expired: insert, or take over the expired row only.
      const result = await this.#db
        .insertInto("fedify_kv")
        .values({ key: encoded, value, expires_at: expires })
        .onConflict((oc) =>
          oc
            .column("key")
            .doUpdateSet({ value, expires_at: expires })
            .where("fedify_kv.expires_at", "is not", null)
            .where("fedify_kv.expires_at", "<=", now)
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    }
    // Present: replace only the very text we compared, if still live.
    const result = await this.#db
      .updateTable("fedify_kv")
      .set({ value, expires_at: expires })
      .where("key", "=", encoded)
      .where("value", "=", live.value)
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Lists live entries whose key starts with `prefix` (the prefix itself included). */
  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const now = Date.now();
    let query = this.#db
      .selectFrom("fedify_kv")
      .select(["key", "value"])
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
      .orderBy("key");
    if (prefix !== undefined && prefix.length > 0) {
      const exact = encodeKey(prefix);
      // ["a","b"] is a prefix of ["a","b","c"]: their JSON shares `["a","b",`.
      const open = `${exact.slice(0, -1)},`;
      query = query.where((eb) =>
        eb.or([eb("key", "=", exact), eb(sql<string>`substr(${eb.ref("key")}, 1, length(${open}))`, "=", open)])
      );
    }
    const rows = await query.execute();
    for (const row of rows) {
      yield { key: JSON.parse(row.key) as KvKey, value: JSON.parse(row.value) };
    }
  }

  // Deletes every expired row, at most once a minute per instance.
  async #sweep(now: number): Promise<void> {
    if (now - this.#lastSweep < SWEEP_INTERVAL_MS) return;
    this.#lastSweep = now;
    await this.#db.deleteFrom("fedify_kv").where("expires_at", "<=", now).execute();
  }
}

function encodeKey(key: KvKey): string {
  return JSON.stringify(key);
}

function encodeValue(value: unknown): string {
  // JSON has no undefined; store it as null rather than fail the NOT NULL column.
  return JSON.stringify(value) ?? "null";
}

function expiresAt(options: KvStoreSetOptions | undefined, now: number): number | null {
  return options?.ttl === undefined ? null : now + Math.ceil(options.ttl.total({ unit: "millisecond" }));
}

function isExpired(expires: number | null, now: number): boolean {
  return expires !== null && expires <= now;
}
