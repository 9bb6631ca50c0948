// Queries on direct-message conversations: one row per (account, thread,
// other participants), with the statuses each holds.
import { type Selectable, sql } from "kysely";
import type { Id } from "../schema/index.ts";
import type { ConversationsTable } from "../schema/timelines.ts";
import type { Executor } from "./executor.ts";
import type { IdRange } from "./timelines.ts";

export type ConversationRow = Selectable<ConversationsTable> & { last_status_id: Id };

/** Files a status under an account's conversation (made when new), setting its unread flag; returns its id. */
export async function fileConversationStatus(
  db: Executor,
  row: Omit<Selectable<ConversationsTable>, "created_at" | "updated_at">,
  statusId: Id,
): Promise<Id> {
  const now = Date.now();
  await db
    .insertInto("conversations")
    .values({ ...row, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(["account_id", "thread_id", "participant_ids"]).doUpdateSet({ unread: row.unread, updated_at: now }))
    .execute();
  const { id } = await db
    .selectFrom("conversations")
    .select("id")
    .where("account_id", "=", row.account_id)
    .where("thread_id", "=", row.thread_id)
    .where("participant_ids", "=", row.participant_ids)
    .executeTakeFirstOrThrow();
  await db.insertInto("conversation_statuses").values({ conversation_id: id, status_id: statusId }).onConflict((oc) => oc.doNothing()).execute();
  return id;
}

function conversationsOf(db: Executor, accountId: Id) {
  return db
    .selectFrom("conversations as c")
    .innerJoin("conversation_statuses as cs", "cs.conversation_id", "c.id")
    .selectAll("c")
    .select((eb) => eb.fn.max("cs.status_id").as("last_status_id"))
    .where("c.account_id", "=", accountId)
    .groupBy("c.id");
}

/** A page of an account's conversations that still hold a status, by their last status, newest first. */
export function pageConversations(db: Executor, accountId: Id, range: IdRange): Promise<ConversationRow[]> {
  let query = conversationsOf(db, accountId).orderBy((eb) => eb.fn.max("cs.status_id"), range.ascending ? "asc" : "desc").limit(range.limit);
  // An aggregate has no column affinity on SQLite: the bound is cast so it compares as a number.
  const bound = (id: Id) => sql<Id>`cast(${id} as bigint)`;
  if (range.lower) query = query.having((eb) => eb.fn.max("cs.status_id"), ">", bound(range.lower));
  if (range.upper) query = query.having((eb) => eb.fn.max("cs.status_id"), "<", bound(range.upper));
  return query.execute() as Promise<ConversationRow[]>;
}

/** One conversation of an account. */
export function findConversation(db: Executor, accountId: Id, id: Id): Promise<ConversationRow | undefined> {
  return conversationsOf(db, accountId).where("c.id", "=", id).executeTakeFirst() as Promise<ConversationRow | undefined>;
}

/** Marks a conversation read. */
export async function markConversationRead(db: Executor, id: Id): Promise<void> {
  await db.updateTable("conversations").set({ unread: 0, updated_at: Date.now() }).where("id", "=", id).execute();
}

/** Removes a conversation from its account's list. */
export async function deleteConversation(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("conversations").where("id", "=", id).execute();
}
