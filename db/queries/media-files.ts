// The ledger of stored media files (migration 0005-media): written before a
// file is, linked to its attachment after; files nothing refers to any more
// are found here and removed by cleanup.
import type { Insertable, Selectable } from "kysely";
import type { Id, Millis } from "../schema/index.ts";
import type { MediaFileStyle, MediaFilesTable } from "../schema/media.ts";
import type { Executor } from "./executor.ts";

export type MediaFileRow = Selectable<MediaFilesTable>;

const ATTACHMENT_STYLES: MediaFileStyle[] = ["original", "small", "thumbnail"];

/** Records files about to be written. */
export async function insertMediaFiles(db: Executor, rows: Insertable<MediaFilesTable>[]): Promise<void> {
  if (rows.length) await db.insertInto("media_files").values(rows).execute();
}

/** Links recorded files to their attachment. */
export async function linkMediaFiles(db: Executor, keys: readonly string[], mediaAttachmentId: Id): Promise<void> {
  if (keys.length) await db.updateTable("media_files").set({ media_attachment_id: mediaAttachmentId }).where("key", "in", keys).execute();
}

/** The files of an attachment, optionally only some styles. */
export function findMediaFilesOf(db: Executor, mediaAttachmentIds: readonly Id[], styles?: readonly MediaFileStyle[]): Promise<MediaFileRow[]> {
  if (mediaAttachmentIds.length === 0) return Promise.resolve([]);
  let query = db.selectFrom("media_files").selectAll().where("media_attachment_id", "in", mediaAttachmentIds);
  if (styles) query = query.where("style", "in", styles);
  return query.execute();
}

/** Forgets files that were removed from storage. */
export async function deleteMediaFileRows(db: Executor, keys: readonly string[]): Promise<void> {
  if (keys.length) await db.deleteFrom("media_files").where("key", "in", keys).execute();
}

/**
 * Files recorded before `before` that nothing refers to: attachment files
 * whose attachment is gone (or was never stored), and avatars or headers no
 * account shows.
 */
export function findOrphanedMediaFiles(db: Executor, before: Millis, limit: number): Promise<MediaFileRow[]> {
  return db
    .selectFrom("media_files as f")
    .selectAll("f")
    .where("f.created_at", "<", before)
    .where((eb) =>
      eb.or([
        eb.and([eb("f.style", "in", ATTACHMENT_STYLES), eb("f.media_attachment_id", "is", null)]),
        eb.and([
          eb("f.style", "in", ["avatar", "header"]),
          eb("f.url", "not in", eb.selectFrom("accounts").select("avatar_url as url").where("avatar_url", "is not", null)),
          eb("f.url", "not in", eb.selectFrom("accounts").select("header_url as url").where("header_url", "is not", null)),
        ]),
      ])
    )
    .limit(limit)
    .execute();
}
