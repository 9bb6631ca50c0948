// Queries on muted conversations: threads an account wants no notifications from.
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { StatusRow } from "./statuses.ts";

/** The thread a status belongs to (its own id for a thread root). */
export function threadOf(status: Pick<StatusRow, "id" | "thread_id">): Id {
  return status.thread_id ?? status.id;
}

/** Mutes a thread for an account; a second time changes nothing. */
export async function insertConversationMute(db: Executor, accountId: Id, threadId: Id): Promise<void> {
  await db
    .insertInto("conversation_mutes")
    .values({ account_id: accountId, thread_id: threadId, created_at: Date.now() })
    .onConflict((oc) => oc.columns(["account_id", "thread_id"]).doNothing())
    .execute();
}

/** Unmutes a thread for an account. */
export async function deleteConversationMute(db: Executor, accountId: Id, threadId: Id): Promise<void> {
  await db.deleteFrom("conversation_mutes").where("account_id", "=", accountId).where("thread_id", "=", threadId).execute();
}

/** Which of the accounts muted the thread of the status with this id. */
export async function findAccountsMutingThreadOf(db: Executor, statusId: Id, accountIds: readonly Id[]): Promise<Set<Id>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("statuses as s")
    .innerJoin("conversation_mutes as m", (join) => join.on((eb) => eb("m.thread_id", "=", eb.fn.coalesce("s.thread_id", "s.id"))))
    .select("m.account_id")
    .where("s.id", "=", statusId)
    .where("m.account_id", "in", accountIds)
    .execute();
  return new Set(rows.map((r) => r.account_id));
}
