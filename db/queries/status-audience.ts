// Who favourited or boosted a status: keyset pages of accounts, keyed by the
// favourite's id or the reblog's id (Mastodon's favourited_by and reblogged_by).
import type { Id } from "../schema/index.ts";
import type { AccountRow } from "./accounts.ts";
import type { Executor } from "./executor.ts";
import { hiddenAccountIds } from "./hidden-accounts.ts";
import { type IdRange, withinRange } from "./timelines.ts";

export type AccountWithCursor = AccountRow & { cursor_id: Id };

/** Accounts that favourited a status, newest favourite first. */
export function pageFavouritedBy(db: Executor, statusId: Id, viewerId: Id | null, range: IdRange): Promise<AccountWithCursor[]> {
  const query = db
    .selectFrom("favourites as f")
    .innerJoin("accounts as a", "a.id", "f.account_id")
    .selectAll("a")
    .select("f.id as cursor_id")
    .where("f.status_id", "=", statusId)
    .where("a.deleted_at", "is", null);
  // As Mastodon, without the accounts the viewer hides (blocks either way, mutes, blocked domains).
  return withinRange(query.where("a.id", "not in", hiddenAccountIds(db, viewerId)), "f.id", range).execute();
}

/** Accounts that boosted a status, newest reblog first. */
export function pageRebloggedBy(db: Executor, statusId: Id, viewerId: Id | null, range: IdRange): Promise<AccountWithCursor[]> {
  const query = db
    .selectFrom("statuses as r")
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .selectAll("a")
    .select("r.id as cursor_id")
    .where("r.reblog_of_id", "=", statusId)
    .where("a.deleted_at", "is", null);
  return withinRange(query.where("a.id", "not in", hiddenAccountIds(db, viewerId)), "r.id", range).execute();
}
