// Queries on local media attachments: the uploader's own rows, attaching
// them to a status, and the stale unattached ones cleanup removes.
import type { Insertable, Updateable } from "kysely";
import type { Id, MediaAttachmentsTable, Millis } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { MediaRow } from "./statuses.ts";

/** Inserts an uploaded attachment. */
export async function insertMediaAttachment(db: Executor, row: Insertable<MediaAttachmentsTable>): Promise<void> {
  await db.insertInto("media_attachments").values(row).execute();
}

/** A local attachment by id, only if `accountId` uploaded it. */
export function findOwnMedia(db: Executor, accountId: Id, id: Id): Promise<MediaRow | undefined> {
  return db
    .selectFrom("media_attachments")
    .selectAll()
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .where("remote_url", "is", null)
    .executeTakeFirst();
}

/** Updates an attachment row. */
export async function updateMediaAttachment(db: Executor, id: Id, changes: Updateable<MediaAttachmentsTable>): Promise<void> {
  await db.updateTable("media_attachments").set(changes).where("id", "=", id).execute();
}

/** Deletes attachment rows (their media_files rows become orphans). */
export async function deleteMediaAttachments(db: Executor, ids: readonly Id[]): Promise<void> {
  if (ids.length) await db.deleteFrom("media_attachments").where("id", "in", ids).execute();
}

/** The uploader's local attachments among ids that are free or already on statusId. */
export function findAttachableMedia(db: Executor, accountId: Id, ids: readonly Id[], statusId: Id | null): Promise<MediaRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("media_attachments")
    .selectAll()
    .where("id", "in", ids)
    .where("account_id", "=", accountId)
    .where("remote_url", "is", null)
    .where((eb) => (statusId === null ? eb("status_id", "is", null) : eb.or([eb("status_id", "is", null), eb("status_id", "=", statusId)])))
    .execute();
}

/** Local attachments of a status that are not among keepIds. */
export async function findLocalMediaIdsOfStatusExcept(db: Executor, statusId: Id, keepIds: readonly Id[]): Promise<Id[]> {
  let query = db.selectFrom("media_attachments").select("id").where("status_id", "=", statusId).where("remote_url", "is", null);
  if (keepIds.length) query = query.where("id", "not in", keepIds);
  return (await query.execute()).map((r) => r.id);
}

/** Local attachments never attached to a status and created before `before`. */
export async function findStaleUnattachedMediaIds(db: Executor, before: Millis, limit: number): Promise<Id[]> {
  const rows = await db
    .selectFrom("media_attachments")
    .select("id")
    .where("status_id", "is", null)
    .where("remote_url", "is", null)
    .where("created_at", "<", before)
    // Uploads a scheduled status will attach wait for it (migration 0006-statuses).
    .where("id", "not in", (eb) => eb.selectFrom("scheduled_status_media").select("media_attachment_id"))
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Attaches one upload at a position, if it is still free or already on that status. */
export async function attachMediaToStatus(db: Executor, id: Id, statusId: Id, position: number): Promise<boolean> {
  const result = await db
    .updateTable("media_attachments")
    .set({ status_id: statusId, position })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("status_id", "is", null), eb("status_id", "=", statusId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
