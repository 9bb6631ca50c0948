// Queries on the home-timeline store: one row per (reader, status) to show.
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

/** Adds a status to the home timelines of the given local accounts. */
export async function insertHomeEntries(db: Executor, accountIds: readonly Id[], statusId: Id): Promise<void> {
  const unique = [...new Set(accountIds)];
  if (unique.length === 0) return;
  await db
    .insertInto("home_timeline_entries")
    .values(unique.map((account_id) => ({ account_id, status_id: statusId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Removes an author's statuses from a reader's home timeline (after unfollow or block). */
export async function deleteHomeEntriesByAuthor(db: Executor, readerId: Id, authorId: Id): Promise<void> {
  await db
    .deleteFrom("home_timeline_entries")
    .where("account_id", "=", readerId)
    .where("status_id", "in", (eb) => eb.selectFrom("statuses").select("id").where("account_id", "=", authorId))
    .execute();
}
