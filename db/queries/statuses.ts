// Queries on statuses and the rows that hang off them (mentions, tags, media).
import type { Insertable, Selectable, Updateable } from "kysely";
import type { Id, MediaAttachmentsTable, StatusesTable } from "../schema/index.ts";
import { clampedSum } from "./counters.ts";
import type { Executor } from "./executor.ts";

export type StatusRow = Selectable<StatusesTable>;
export type MediaRow = Selectable<MediaAttachmentsTable>;

/** One status by id. */
export function findStatusById(db: Executor, id: Id): Promise<StatusRow | undefined> {
  return db.selectFrom("statuses").selectAll().where("id", "=", id).executeTakeFirst();
}

/** One status by object URI. */
export function findStatusByUri(db: Executor, uri: string): Promise<StatusRow | undefined> {
  return db.selectFrom("statuses").selectAll().where("uri", "=", uri).executeTakeFirst();
}

/** Statuses by ids (any order). */
export function findStatusesByIds(db: Executor, ids: readonly Id[]): Promise<StatusRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("statuses").selectAll().where("id", "in", ids).execute();
}

/** The reblog of a status by an account, if any. */
export function findReblog(db: Executor, accountId: Id, statusId: Id): Promise<StatusRow | undefined> {
  return db
    .selectFrom("statuses")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("reblog_of_id", "=", statusId)
    .executeTakeFirst();
}

/** Inserts a status row. */
export async function insertStatus(db: Executor, row: Insertable<StatusesTable>): Promise<void> {
  await db.insertInto("statuses").values(row).execute();
}

/** Updates a status row. */
export async function updateStatusRow(db: Executor, id: Id, changes: Updateable<StatusesTable>): Promise<void> {
  await db.updateTable("statuses").set(changes).where("id", "=", id).execute();
}

/** Deletes a status row (mentions, tags, favourites, entries cascade). */
export async function deleteStatusRow(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("statuses").where("id", "=", id).execute();
}

type StatusCounter = "replies_count" | "reblogs_count" | "favourites_count";

/** Adds delta to a status counter, floored at zero. */
export async function adjustStatusCounter(db: Executor, id: Id, counter: StatusCounter, delta: number): Promise<void> {
  await db.updateTable("statuses").set({ [counter]: clampedSum(counter, delta) }).where("id", "=", id).execute();
}

/** Replaces the mentions of a status. */
export async function replaceMentions(db: Executor, statusId: Id, accountIds: readonly Id[]): Promise<void> {
  await db.deleteFrom("mentions").where("status_id", "=", statusId).execute();
  const unique = [...new Set(accountIds)];
  if (unique.length) {
    await db.insertInto("mentions").values(unique.map((account_id) => ({ status_id: statusId, account_id }))).execute();
  }
}

/** Account ids mentioned by a status. */
export async function findMentionedAccountIds(db: Executor, statusId: Id): Promise<Id[]> {
  const rows = await db.selectFrom("mentions").select("account_id").where("status_id", "=", statusId).execute();
  return rows.map((r) => r.account_id);
}

/** Replaces the media of a status. */
export async function replaceMedia(db: Executor, statusId: Id, rows: MediaRow[]): Promise<void> {
  await db.deleteFrom("media_attachments").where("status_id", "=", statusId).execute();
  if (rows.length) await db.insertInto("media_attachments").values(rows).execute();
}

/** The media of a status, in order. */
export function findMediaOfStatus(db: Executor, statusId: Id): Promise<MediaRow[]> {
  return db.selectFrom("media_attachments").selectAll().where("status_id", "=", statusId).orderBy("position").execute();
}

/** Number of local statuses, reblogs excluded (NodeInfo usage). */
export async function countLocalStatuses(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("statuses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("local", "=", 1)
    .where("reblog_of_id", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Public local statuses of an account, newest first, for the outbox collection. */
export function pagePublicStatusesOf(db: Executor, accountId: Id, options: { limit: number; beforeId?: Id }): Promise<StatusRow[]> {
  let query = db
    .selectFrom("statuses")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("visibility", "in", ["public", "unlisted"])
    .orderBy("id", "desc")
    .limit(options.limit);
  if (options.beforeId) query = query.where("id", "<", options.beforeId);
  return query.execute();
}

/** Count of an account's public and unlisted statuses (outbox totalItems). */
export async function countPublicStatusesOf(db: Executor, accountId: Id): Promise<number> {
  const row = await db
    .selectFrom("statuses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", accountId)
    .where("visibility", "in", ["public", "unlisted"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
