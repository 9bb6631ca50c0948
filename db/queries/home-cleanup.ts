// Takes what a reader no longer wants out of their home timeline: the posts
// and boosts of a muted account, or of a whole blocked domain, and boosts of
// their posts by others (Mastodon's FeedManager#clear_from_home).
import type { SelectQueryBuilder } from "kysely";
import type { Database, Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

/** Removes from reader's home every status by, or boosting a status by, the account (or domain). */
export async function clearFromHome(db: Executor, readerId: Id, who: { accountId: Id } | { domain: string }): Promise<void> {
  const authors = "accountId" in who
    ? db.selectFrom("accounts").select("id").where("id", "=", who.accountId)
    : db.selectFrom("accounts").select("id").where("domain", "=", who.domain);
  await clearAuthorsFromHome(db, readerId, authors);
}

/** Removes from reader's home every status by, or boosting a status by, any of `authors` (a query of account ids). */
export async function clearAuthorsFromHome(db: Executor, readerId: Id, authors: SelectQueryBuilder<Database, any, { id: Id }>): Promise<void> {
  await db
    .deleteFrom("home_timeline_entries")
    .where("account_id", "=", readerId)
    .where("status_id", "in", (eb) =>
      eb
        .selectFrom("statuses as s")
        .leftJoin("statuses as o", "o.id", "s.reblog_of_id")
        .select("s.id")
        .where((w) => w.or([w("s.account_id", "in", authors), w("o.account_id", "in", authors)])))
    .execute();
}
