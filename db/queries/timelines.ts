// Timeline reads: keyset pages over status ids (newest first), one query each.
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { StatusRow } from "./statuses.ts";

export interface IdRange {
  lower: Id | null;
  upper: Id | null;
  ascending: boolean;
  limit: number;
}

/** A page of a home timeline. */
export function pageHomeTimeline(db: Executor, accountId: Id, range: IdRange): Promise<StatusRow[]> {
  let query = db
    .selectFrom("home_timeline_entries as h")
    .innerJoin("statuses as s", "s.id", "h.status_id")
    .selectAll("s")
    .where("h.account_id", "=", accountId)
    .orderBy("h.status_id", range.ascending ? "asc" : "desc")
    .limit(range.limit);
  if (range.lower) query = query.where("h.status_id", ">", range.lower);
  if (range.upper) query = query.where("h.status_id", "<", range.upper);
  return query.execute();
}
