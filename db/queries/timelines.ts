// Timeline reads: keyset pages over status ids (newest first), one query each.
// Home is a fan-out store; lists, public and tag timelines are read-time
// queries (see pageListTimeline for why).
import { type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Database, Id } from "../schema/index.ts";
import type { ListsTable } from "../schema/timelines.ts";
import type { Executor } from "./executor.ts";
import { hiddenAccountIds } from "./hidden-accounts.ts";
import type { StatusRow } from "./statuses.ts";

export interface IdRange {
  lower: Id | null;
  upper: Id | null;
  ascending: boolean;
  limit: number;
}

/** None of the author columns (SQL references) is hidden from the viewer: blocked either way, muted, or on a blocked domain. */
export function notHiddenFrom(db: Executor, viewerId: Id, ...authors: RawBuilder<unknown>[]) {
  return (eb: ExpressionBuilder<Database, any>) => eb.and(authors.map((author) => eb(author, "not in", hiddenAccountIds(db, viewerId))));
}

/** Applies a keyset range on a status id column. */
export function withinRange<O>(query: SelectQueryBuilder<Database, any, O>, column: string, range: IdRange): SelectQueryBuilder<Database, any, O> {
  let ranged = query.orderBy(sql.ref(column), range.ascending ? "asc" : "desc").limit(range.limit);
  if (range.lower) ranged = ranged.where(sql.ref(column), ">", range.lower);
  if (range.upper) ranged = ranged.where(sql.ref(column), "<", range.upper);
  return ranged;
}

// A reblog hides with its booster or its original's author; a plain status with its author.
const authors = [sql.ref("s.account_id"), sql`coalesce(o.account_id, s.account_id)`];

// The page's bounds on s.id as well (it equals h.status_id): PostgreSQL merge-joins the entries with the
// statuses' primary key and, not told where the page starts, read every status newer than it (200 ms and
// more 30,000 entries deep, bench/README.md); bounded, it starts at the page.
function sameRangeOnStatuses<O>(query: SelectQueryBuilder<Database, any, O>, range: IdRange): SelectQueryBuilder<Database, any, O> {
  let bounded = query;
  if (range.lower) bounded = bounded.where(sql.ref("s.id"), ">", range.lower);
  if (range.upper) bounded = bounded.where(sql.ref("s.id"), "<", range.upper);
  return bounded;
}

/** A page of a home timeline, without members of the reader's exclusive lists and hidden authors. */
export function pageHomeTimeline(db: Executor, accountId: Id, range: IdRange): Promise<StatusRow[]> {
  const query = db
    .selectFrom("home_timeline_entries as h")
    .innerJoin("statuses as s", "s.id", "h.status_id")
    .leftJoin("statuses as o", "o.id", "s.reblog_of_id")
    .selectAll("s")
    .where("h.account_id", "=", accountId)
    .where(notHiddenFrom(db, accountId, ...authors))
    .where(({ exists, selectFrom, not }) =>
      not(exists(
        selectFrom("list_accounts as la")
          .innerJoin("lists as l", "l.id", "la.list_id")
          .select("la.list_id")
          .where("l.account_id", "=", accountId)
          .where("l.exclusive", "=", 1)
          .whereRef("la.account_id", "=", "s.account_id"),
      ))
    );
  return withinRange(sameRangeOnStatuses(query, range), "h.status_id", range).execute() as Promise<StatusRow[]>;
}

/**
 * A page of a list timeline: statuses and reblogs of its members, read at
 * query time. Members are accounts the owner follows (a membership ends with
 * the follow), so their public, unlisted and private posts are visible to the
 * owner; direct ones never show. Reading at query time costs one query like a
 * fan-out store would, and needs no back-fill when members come and go.
 */
export function pageListTimeline(db: Executor, list: Pick<ListsTable, "id" | "account_id" | "replies_policy">, range: IdRange): Promise<StatusRow[]> {
  const owner = list.account_id;
  const query = db
    .selectFrom("statuses as s")
    .innerJoin("list_accounts as la", "la.account_id", "s.account_id")
    .leftJoin("statuses as o", "o.id", "s.reblog_of_id")
    .selectAll("s")
    .where("la.list_id", "=", list.id)
    .where("s.visibility", "!=", "direct")
    .where("s.held_at", "is", null)
    .where(notHiddenFrom(db, owner, ...authors))
    // Replies to others follow the list's replies_policy (Mastodon's FeedManager#filter_from_list?).
    .where((eb) => {
      const notAReply = eb.or([eb("s.in_reply_to_uri", "is", null), eb("s.in_reply_to_account_id", "=", eb.ref("s.account_id"))]);
      if (list.replies_policy === "none") return notAReply;
      const allowed = list.replies_policy === "list"
        ? eb.exists(eb.selectFrom("list_accounts as m").select("m.list_id").where("m.list_id", "=", list.id).whereRef("m.account_id", "=", "s.in_reply_to_account_id"))
        : eb.or([
          eb("s.in_reply_to_account_id", "=", owner),
          eb.exists(eb.selectFrom("follows as f").select("f.id").where("f.account_id", "=", owner).whereRef("f.target_account_id", "=", "s.in_reply_to_account_id")),
        ]);
      return eb.or([notAReply, allowed]);
    });
  return withinRange(query, "s.id", range).execute() as Promise<StatusRow[]>;
}
