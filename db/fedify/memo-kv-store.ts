// An in-process read cache in front of a Fedify KvStore, for key prefixes
// whose entries are themselves caches of remote state (public keys, the
// signature spec a server accepts, circuit breaker states). Fedify reads them
// on every inbound activity and every delivery; from memory they cost nothing.
// The database stays the source of truth: writes go through at once, and a
// copy is served for at most its rule's ttl, so a change made by another
// process is seen within that time, and a copy read back from the database
// may outlive the entry's own expiry by that much (docs/adr/0018-performance.md).
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";

/** Entries under `prefix` may be served from memory for up to `ttlMs`. */
export interface MemoRule {
  prefix: readonly string[];
  ttlMs: number;
}

export interface MemoKvStoreOptions {
  rules: readonly MemoRule[];
  /** Entries kept at most (least recently used out first). Default 4096. */
  capacity?: number;
  /** The clock, in ms; tests pass their own. */
  now?: () => number;
}

interface Memo {
  /** The value's JSON text; undefined when the key is known to be absent. */
  text: string | undefined;
  /** No longer served after this instant (ms). */
  until: number;
  /** Set by writes: a read that started before cannot replace a newer memo. */
  version: number;
  /** Written with a ttl of its own. */
  expires: boolean;
}

type CasStore = KvStore & { cas: NonNullable<KvStore["cas"]> };

/** Wraps `inner`; keys outside every rule's prefix go straight through. */
export class MemoKvStore implements KvStore {
  readonly #inner: CasStore;
  readonly #rules: readonly MemoRule[];
  readonly #capacity: number;
  readonly #now: () => number;
  readonly #memos = new Map<string, Memo>();
  // Reads of the database under way, shared by concurrent gets of one key.
  readonly #reads = new Map<string, Promise<string | undefined>>();
  #version = 0;

  constructor(inner: CasStore, options: MemoKvStoreOptions) {
    this.#inner = inner;
    this.#rules = options.rules;
    this.#capacity = Math.max(1, options.capacity ?? 4096);
    this.#now = options.now ?? Date.now;
  }

  /** A live value, from memory when a rule covers the key and the copy is fresh. */
  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const ttl = this.#ttlOf(key);
    if (ttl === undefined) return this.#inner.get<T>(key);
    const id = JSON.stringify(key);
    const memo = this.#memos.get(id);
    if (memo && memo.until > this.#now()) {
      this.#memos.delete(id); // re-inserted: most recently used last
      this.#memos.set(id, memo);
      return decode<T>(memo.text);
    }
    let read = this.#reads.get(id);
    if (!read) {
      const version = this.#version;
      read = this.#inner.get(key).then((value) => {
        const text = encode(value);
        if (this.#reads.get(id) === read) this.#reads.delete(id);
        // A write that finished meanwhile left a newer copy (or none): keep it.
        const current = this.#memos.get(id);
        if (!current || current.version <= version) this.#remember(id, text, this.#now() + ttl, version);
        return text;
      }, (error: unknown) => {
        if (this.#reads.get(id) === read) this.#reads.delete(id);
        throw error;
      });
      this.#reads.set(id, read);
    }
    return decode<T>(await read);
  }

  /** Writes through; a memoized key already holding this very value (and no ttl) is left alone. */
  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const ttl = this.#ttlOf(key);
    if (ttl === undefined) return this.#inner.set(key, value, options);
    const id = JSON.stringify(key);
    const text = encode(value);
    const memo = this.#memos.get(id);
    // Fedify writes some of these after every delivery (the signature spec
    // that worked); an unchanged value needs no database write.
    if (options?.ttl === undefined && memo && memo.text === text && memo.until > this.#now() && !memo.expires) return;
    this.#forget(id);
    await this.#inner.set(key, value, options);
    this.#remember(id, text, this.#until(ttl, options), ++this.#version, options?.ttl !== undefined);
  }

  async delete(key: KvKey): Promise<void> {
    const ttl = this.#ttlOf(key);
    if (ttl === undefined) return this.#inner.delete(key);
    const id = JSON.stringify(key);
    this.#forget(id);
    await this.#inner.delete(key);
    this.#remember(id, undefined, this.#now() + ttl, ++this.#version);
  }

  /** Compares in the database, never against the copy; a failed swap drops the copy. */
  async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const ttl = this.#ttlOf(key);
    if (ttl === undefined) return this.#inner.cas(key, expectedValue, newValue, options);
    const id = JSON.stringify(key);
    this.#forget(id);
    const swapped = await this.#inner.cas(key, expectedValue, newValue, options);
    if (swapped) this.#remember(id, encode(newValue), this.#until(ttl, options), ++this.#version, options?.ttl !== undefined);
    return swapped;
  }

  /** Always from the database. */
  list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    return this.#inner.list(prefix);
  }

  #ttlOf(key: KvKey): number | undefined {
    for (const rule of this.#rules) {
      if (rule.prefix.length <= key.length && rule.prefix.every((part, i) => key[i] === part)) return rule.ttlMs;
    }
    return undefined;
  }

  #until(ttl: number, options: KvStoreSetOptions | undefined): number {
    const now = this.#now();
    const expires = options?.ttl === undefined ? Infinity : now + options.ttl.total({ unit: "millisecond" });
    return Math.min(now + ttl, expires);
  }

  // Drops the copy and any read under way, so no get from now on sees an older value.
  #forget(id: string): void {
    this.#memos.delete(id);
    this.#reads.delete(id);
  }

  #remember(id: string, text: string | undefined, until: number, version: number, expires = false): void {
    this.#memos.delete(id);
    this.#memos.set(id, { text, until, version, expires });
    if (this.#memos.size > this.#capacity) this.#memos.delete(this.#memos.keys().next().value!);
  }
}

function encode(value: unknown): string | undefined {
  // As the database stores it: JSON has no undefined, a stored undefined reads back as null.
  return value === undefined ? undefined : (JSON.stringify(value) ?? "null");
}

function decode<T>(text: string | undefined): T | undefined {
  return text === undefined ? undefined : (JSON.parse(text) as T);
}
