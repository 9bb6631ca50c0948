// Full-text search over the statuses a viewer may see, and hashtag search by
// prefix. The text index differs by engine (docs/adr/0012-full-text-search.md):
// SQLite matches an FTS5 table, PostgreSQL a GIN-indexed tsvector expression.
// The user's words never become query syntax on either engine.
import { sql, SqliteAdapter } from "kysely";
import type { Id } from "../schema/index.ts";
import { likePrefix } from "./account-search.ts";
import type { Executor } from "./executor.ts";
import { hiddenAccountIds } from "./hidden-accounts.ts";
import type { StatusRow } from "./statuses.ts";
import { visibleTo } from "./status-visibility.ts";
import type { TagRow } from "./tag-follows.ts";

const MAX_TERMS = 10;
const MAX_TERM_LENGTH = 100;

export interface StatusSearch {
  /** What the user typed. */
  text: string;
  viewerId: Id;
  /** Only statuses of this account. */
  accountId: Id | null;
  /** Only statuses of accounts the viewer follows (and the viewer's own). */
  following: boolean;
  maxId: Id | null;
  minId: Id | null;
  limit: number;
  offset: number;
}

/** The words of a query: whitespace-separated chunks holding a letter or digit, bounded in number and length. */
export function searchTerms(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((chunk) => /[\p{L}\p{N}]/u.test(chunk))
    .map((chunk) => chunk.slice(0, MAX_TERM_LENGTH))
    .slice(0, MAX_TERMS);
}

/**
 * An FTS5 query matching every term as a phrase: each term is a quoted string
 * (its quotes doubled), so operators (AND, NEAR, *, ^, column filters) typed
 * by the user are only text.
 */
export function fts5Query(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(" AND ");
}

/** Statuses matching every term that the viewer may see, newest first. */
export function searchStatuses(db: Executor, search: StatusSearch): Promise<StatusRow[]> {
  const terms = searchTerms(search.text);
  if (terms.length === 0) return Promise.resolve([]);
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  let query = db
    .selectFrom("statuses as s")
    .innerJoin("accounts as a", "a.id", "s.account_id")
    .selectAll("s")
    .where("s.reblog_of_id", "is", null)
    .where("a.deleted_at", "is", null)
    .where(
      sqlite
        ? sql<boolean>`s.id in (select rowid from status_search where status_search match ${fts5Query(terms)})`
        : sql<boolean>`parley_status_document(s.spoiler_text, s.name, s.content) @@ plainto_tsquery('simple', ${terms.join(" ")})`,
    )
    .where(visibleTo(db, search.viewerId))
    // Held for review: its author's alone.
    .where((eb) => eb.or([eb("s.held_at", "is", null), eb("s.account_id", "=", search.viewerId)]))
    // Beyond who may see it: nothing by accounts the viewer hides (blocks, mutes, domains).
    .where((eb) => eb.or([eb("s.account_id", "=", search.viewerId), eb("s.account_id", "not in", hiddenAccountIds(db, search.viewerId))]))
    .orderBy("s.id", "desc")
    .limit(search.limit)
    .offset(search.offset);
  if (search.accountId) query = query.where("s.account_id", "=", search.accountId);
  if (search.following) {
    const viewer = search.viewerId;
    query = query.where((eb) =>
      eb.or([eb("s.account_id", "=", viewer), eb("s.account_id", "in", eb.selectFrom("follows").select("target_account_id").where("account_id", "=", viewer))])
    );
  }
  if (search.maxId) query = query.where("s.id", "<", search.maxId);
  if (search.minId) query = query.where("s.id", ">", search.minId);
  return query.execute();
}

/** Hashtags starting with the name (lowercased, without '#'), the exact one first, then the shortest. */
export function searchTags(db: Executor, name: string, limit: number, offset: number): Promise<TagRow[]> {
  return db
    .selectFrom("tags")
    .selectAll()
    .where(sql<boolean>`name like ${likePrefix(name)} escape '\\'`)
    .orderBy(sql`case when name = ${name} then 0 else 1 end`)
    .orderBy(sql`length(name)`)
    .orderBy("name")
    .limit(limit)
    .offset(offset)
    .execute();
}
