// Changing an unattached upload (PUT /api/v1/media/:id): its description,
// focal point or custom thumbnail. Only the uploader may; for anyone else the
// attachment does not exist.
import { findOwnMedia, updateMediaAttachment } from "../../../db/queries/media.ts";
import { findMediaFilesOf, linkMediaFiles } from "../../../db/queries/media-files.ts";
import type { MediaRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { MediaFocus, MediaMeta } from "../../../db/schema/media.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { processThumbnail } from "./process-image.ts";
import { newMediaToken } from "./storage.ts";
import { removeStoredFiles, storeRenditions } from "./stored-files.ts";
import { checkMediaFields } from "./upload-media.ts";

export interface MediaChange {
  accountId: Id;
  mediaId: Id;
  /** Absent: unchanged; empty: removed. */
  description?: string | null;
  focus?: MediaFocus | null;
  thumbnail?: Uint8Array | null;
}

/** The caller's own unattached upload, as Mastodon finds it for GET and PUT. */
export async function findPendingMedia(deps: ServiceDeps, accountId: Id, mediaId: Id): Promise<Result<MediaRow>> {
  const media = await findOwnMedia(deps.db, accountId, mediaId);
  return media && media.status_id === null ? ok(media) : fail("not-found", "Record not found");
}

/** Applies a change to the caller's unattached upload. */
export async function updateMedia(deps: ServiceDeps, change: MediaChange): Promise<Result<MediaRow>> {
  const found = await findPendingMedia(deps, change.accountId, change.mediaId);
  if (!found.ok) return found;
  const media = found.value;
  const checked = checkMediaFields({ description: change.description, focus: change.focus, files: [change.thumbnail] });
  if (!checked.ok) return checked;
  const thumbnail = change.thumbnail ? await processThumbnail(change.thumbnail) : null;
  if (thumbnail && !thumbnail.ok) return thumbnail;

  const [stored] = thumbnail ? await storeRenditions(deps, newMediaToken(), [{ style: "thumbnail", rendition: thumbnail.value }]) : [];
  const replaced = stored ? await findMediaFilesOf(deps.db, [media.id], ["thumbnail"]) : [];
  const meta = JSON.parse(media.meta) as MediaMeta;
  if (change.focus) meta.focus = change.focus;
  try {
    await writeTransaction(deps, async (tx) => {
      await updateMediaAttachment(tx, media.id, {
        ...(change.description !== undefined ? { description: change.description || null } : {}),
        ...(stored ? { preview_url: stored.url } : {}),
        meta: JSON.stringify(meta),
      });
      if (stored) await linkMediaFiles(tx, [stored.key], media.id);
    });
  } catch (error) {
    if (stored) await removeStoredFiles(deps, [stored]);
    throw error;
  }
  await removeStoredFiles(deps, replaced);
  return ok((await findOwnMedia(deps.db, change.accountId, media.id))!);
}
