// Who a new status or boost may reach beyond plain followers
// (db/queries/follows.ts has those): hashtag followers, followers who show a
// booster's boosts, and followers who asked to be notified of posts.
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

/** Local accounts following any tag of the status (its tags are already written). */
export async function findTagFollowerIds(db: Executor, statusId: Id): Promise<Id[]> {
  const rows = await db
    .selectFrom("tag_follows as tf")
    .innerJoin("status_tags as st", "st.tag_id", "tf.tag_id")
    .select("tf.account_id")
    .distinct()
    .where("st.status_id", "=", statusId)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Local followers of the account who show its boosts (Relationship.showing_reblogs). */
export async function findLocalReblogReaderIds(db: Executor, boosterId: Id): Promise<Id[]> {
  const rows = await db
    .selectFrom("follows")
    .innerJoin("accounts", "accounts.id", "follows.account_id")
    .select("follows.account_id")
    .where("follows.target_account_id", "=", boosterId)
    .where("follows.show_reblogs", "=", 1)
    .where("accounts.domain", "is", null)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Local followers of the account who asked to be notified of its posts (Relationship.notifying). */
export async function findNotifyingFollowerIds(db: Executor, authorId: Id): Promise<Id[]> {
  const rows = await db
    .selectFrom("follows")
    .innerJoin("accounts", "accounts.id", "follows.account_id")
    .select("follows.account_id")
    .where("follows.target_account_id", "=", authorId)
    .where("follows.notify", "=", 1)
    .where("accounts.domain", "is", null)
    .execute();
  return rows.map((r) => r.account_id);
}
