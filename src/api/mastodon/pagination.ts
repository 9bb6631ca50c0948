// Mastodon's paging: max_id (older than), since_id (newer than, newest
// first), min_id (immediately newer than, i.e. the page just above), limit
// with a cap, and a Link header with next and prev.
// (Mastodon docs: api/guidelines#pagination.)
import type { Context } from "hono";
import type { IdRange } from "../../../db/queries/timelines.ts";
import type { Id } from "../../../db/schema/index.ts";
import { isId } from "../../domain/ids.ts";
import type { ApiEnv } from "./env.ts";

export interface PageRequest {
  maxId: Id | null;
  sinceId: Id | null;
  minId: Id | null;
  limit: number;
}

/** Reads paging parameters; an unparsable id is ignored, the limit is clamped to [1, max]. */
export function parsePage(c: Context, { defaultLimit = 20, maxLimit = 40 } = {}): PageRequest {
  const id = (name: string) => {
    const value = c.req.query(name);
    return value && isId(value) ? value : null;
  };
  const raw = Number.parseInt(c.req.query("limit") ?? "", 10);
  const limit = Number.isFinite(raw) ? Math.min(Math.max(raw, 1), maxLimit) : defaultLimit;
  return { maxId: id("max_id"), sinceId: id("since_id"), minId: id("min_id"), limit };
}

/** Where a keyset page lies on an id column, and in which order to read it. */
export function pageBounds(page: PageRequest): { lower: Id | null; upper: Id | null; ascending: boolean } {
  // min_id reads upward from min_id (then the page is reversed); otherwise downward.
  const lower = page.minId ?? page.sinceId;
  return { lower, upper: page.maxId, ascending: page.minId !== null };
}

/** Puts a page read in ascending order back to newest first. */
export function newestFirst<T>(rows: T[], page: PageRequest): T[] {
  return page.minId !== null ? rows.reverse() : rows;
}

/** Sets the Link header for a page of items ordered newest first, keyed by `cursorOf`. */
export function setLinkHeader<T>(c: Context, items: readonly T[], cursorOf: (item: T) => string, origin: string): void {
  if (items.length === 0) return;
  const url = new URL(c.req.path, origin);
  for (const [key, value] of Object.entries(c.req.queries())) {
    if (["max_id", "min_id", "since_id"].includes(key)) continue;
    for (const v of value) url.searchParams.append(key, v);
  }
  const link = (param: string, cursor: string, rel: string) => {
    const u = new URL(url);
    u.searchParams.set(param, cursor);
    return `<${u.href}>; rel="${rel}"`;
  };
  c.header("Link", [link("max_id", cursorOf(items.at(-1)!), "next"), link("min_id", cursorOf(items[0]!), "prev")].join(", "));
}

/**
 * One keyset page, newest first, with its Link header: reads the paging
 * parameters, asks `read` for the rows in that range and keys the links by `cursorOf`.
 */
export async function readKeysetPage<T>(
  c: Context<ApiEnv>,
  read: (range: IdRange) => Promise<T[]>,
  cursorOf: (item: T) => string,
  limits?: { defaultLimit?: number; maxLimit?: number },
): Promise<T[]> {
  const page = parsePage(c, limits);
  const rows = newestFirst(await read({ ...pageBounds(page), limit: page.limit }), page);
  setLinkHeader(c, rows, cursorOf, c.var.deps.config.publicUrl.origin);
  return rows;
}
