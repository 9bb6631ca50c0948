// Serialized answers to the documents other servers fetch most: actor
// documents, WebFinger and NodeInfo (docs/adr/0017-document-cache.md). Fedify
// builds them anew on each request (database reads, key import, JSON-LD
// compaction); here a 200 answer is kept as bytes for a short time. Actor and
// WebFinger answers go as soon as any local account changes in this process;
// other processes see a change within the time to live.
import { paths } from "../../federation/paths.ts";

export interface DocumentCacheOptions {
  /** How long an answer is served at most, in milliseconds (the bound across processes). */
  ttlMs?: number;
  /** Answers kept at most; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

export interface DocumentCache {
  /**
   * A kept answer to a cacheable GET, else the one `produce` gives (kept when
   * it is a 200 and no account changed meanwhile). Other requests: `produce`.
   */
  answer(request: Request, produce: () => Promise<Response>): Promise<Response>;
  /** Forgets every actor and WebFinger answer: a local account changed or went. */
  invalidateAccounts(): void;
}

interface Entry {
  body: Uint8Array<ArrayBuffer>;
  headers: [string, string][];
  expiresAt: number;
  /** Whether it shows an account (actor, WebFinger) rather than the instance (NodeInfo). */
  account: boolean;
}

// Mastodon lets its actor documents be cached for 3 minutes, WebFinger for 3 days and
// NodeInfo for 30 minutes (expires_in in its controllers); a minute stays well inside.
const DEFAULT_TTL_MS = 60_000;
const DEFAULT_MAX_ENTRIES = 5_000;
const actorPath = new RegExp(`^${paths.actor.replace("{identifier}", "[^/]+")}$`);

// What kind of document a GET asks for, and the key it is kept under; null when it is none of them.
function keyOf(request: Request): { key: string; account: boolean } | null {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  // The answer depends on the path and query only: Fedify uses the configured origin, not the Host.
  if (url.pathname === "/.well-known/webfinger") return { key: `webfinger ${url.search}`, account: true };
  if (url.pathname === paths.nodeinfo || url.pathname === "/.well-known/nodeinfo") return { key: `nodeinfo ${url.pathname}`, account: false };
  // The actor route negotiates on Accept (activity+json, or a web page): the header is part of the key.
  if (actorPath.test(url.pathname)) return { key: `actor ${url.pathname}${url.search} ${request.headers.get("accept") ?? ""}`, account: true };
  return null;
}

/** Creates the cache of one instance (no module-level state). */
export function createDocumentCache(options: DocumentCacheOptions = {}): DocumentCache {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // Bumped by each invalidation: an answer produced across one is not kept (it may show the old account).
  let generation = 0;

  return {
    async answer(request, produce) {
      const kind = keyOf(request);
      if (!kind) return produce();
      const kept = entries.get(kind.key);
      if (kept && kept.expiresAt > now()) return new Response(kept.body, { status: 200, headers: kept.headers });
      if (kept) entries.delete(kind.key);
      const started = generation;
      const response = await produce();
      if (response.status !== 200 || (kind.account && generation !== started)) return response;
      const body = new Uint8Array(await response.arrayBuffer());
      const headers = [...response.headers];
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(kind.key, { body, headers, expiresAt: now() + ttlMs, account: kind.account });
      return new Response(body, { status: 200, headers });
    },
    invalidateAccounts() {
      generation++;
      for (const [key, entry] of entries) if (entry.account) entries.delete(key);
    },
  };
}
