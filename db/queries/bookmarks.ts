// Queries on bookmarks: a private list of statuses per account.
import type { Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { BookmarksTable } from "../schema/statuses.ts";
import type { Executor } from "./executor.ts";
import type { StatusRow } from "./statuses.ts";
import { type IdRange, withinRange } from "./timelines.ts";

export type BookmarkRow = Selectable<BookmarksTable>;

/** Bookmarks a status for an account; a second time changes nothing. */
export async function insertBookmark(db: Executor, row: BookmarkRow): Promise<void> {
  await db.insertInto("bookmarks").values(row).onConflict((oc) => oc.columns(["account_id", "status_id"]).doNothing()).execute();
}

/** Removes an account's bookmark of a status, if any. */
export async function deleteBookmark(db: Executor, accountId: Id, statusId: Id): Promise<void> {
  await db.deleteFrom("bookmarks").where("account_id", "=", accountId).where("status_id", "=", statusId).execute();
}

/** A page of an account's bookmarked statuses, keyed by the bookmark's id (Mastodon pages bookmarks so). */
export function pageBookmarkedStatuses(db: Executor, accountId: Id, range: IdRange): Promise<(StatusRow & { cursor_id: Id })[]> {
  const query = db
    .selectFrom("bookmarks as b")
    .innerJoin("statuses as s", "s.id", "b.status_id")
    .selectAll("s")
    .select("b.id as cursor_id")
    .where("b.account_id", "=", accountId)
    // A status held for review after it was bookmarked waits with its author.
    .where((eb) => eb.or([eb("s.held_at", "is", null), eb("s.account_id", "=", accountId)]));
  return withinRange(query, "b.id", range).execute();
}
