// Uploading an attachment (POST /api/v1 and /api/v2/media): the image is
// processed in memory first, so a corrupt or unsupported file leaves nothing
// behind; then its files are stored and its row written.
import { findOwnMedia, insertMediaAttachment } from "../../../db/queries/media.ts";
import { linkMediaFiles } from "../../../db/queries/media-files.ts";
import type { MediaRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { MediaDimensions, MediaFocus, MediaMeta } from "../../../db/schema/media.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { MAX_IMAGE_BYTES, processAttachmentImage, processThumbnail, type Rendition } from "./process-image.ts";
import { MEDIA_TYPES, newMediaToken } from "./storage.ts";
import { removeStoredFiles, storeRenditions } from "./stored-files.ts";

// Mastodon's MediaAttachment::MAX_DESCRIPTION_LENGTH.
export const MAX_DESCRIPTION_LENGTH = 1500;

export interface MediaUpload {
  accountId: Id;
  file: Uint8Array;
  /** A custom preview image (Mastodon's `thumbnail`). */
  thumbnail?: Uint8Array | null;
  description?: string | null;
  focus?: MediaFocus | null;
}

/** Mastodon's meta entry for one rendition. */
export function dimensionsOf(rendition: Pick<Rendition, "width" | "height">): MediaDimensions {
  const { width, height } = rendition;
  return { width, height, size: `${width}x${height}`, aspect: width / height };
}

/** Checks what an upload and an update share: description, focus and file sizes. */
export function checkMediaFields(fields: { description?: string | null; focus?: MediaFocus | null; files: (Uint8Array | null | undefined)[] }): Result<void> {
  if (fields.description && [...fields.description].length > MAX_DESCRIPTION_LENGTH) {
    return fail("validation", `Validation failed: Description is too long (maximum is ${MAX_DESCRIPTION_LENGTH} characters)`);
  }
  const { focus } = fields;
  if (focus && ![focus.x, focus.y].every((n) => Number.isFinite(n) && n >= -1 && n <= 1)) {
    return fail("validation", "Validation failed: Focus must be two numbers from -1.0 to 1.0");
  }
  if (fields.files.some((file) => file && file.byteLength > MAX_IMAGE_BYTES)) {
    return fail("validation", `Validation failed: File file size must be less than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
  }
  return ok(undefined);
}

/** Processes and stores an image attachment for its uploader; it stays unattached until a status claims it. */
export async function uploadMedia(deps: ServiceDeps, upload: MediaUpload): Promise<Result<MediaRow>> {
  const checked = checkMediaFields({ description: upload.description, focus: upload.focus, files: [upload.file, upload.thumbnail] });
  if (!checked.ok) return checked;
  const image = await processAttachmentImage(upload.file);
  if (!image.ok) return image;
  const thumbnail = upload.thumbnail ? await processThumbnail(upload.thumbnail) : null;
  if (thumbnail && !thumbnail.ok) return thumbnail;

  const { original, small, blurhash } = image.value;
  const files = await storeRenditions(deps, newMediaToken(), [
    { style: "original", rendition: original },
    { style: "small", rendition: small },
    ...(thumbnail ? [{ style: "thumbnail" as const, rendition: thumbnail.value }] : []),
  ]);
  const [originalFile, smallFile, thumbnailFile] = files;
  const meta: MediaMeta = { original: dimensionsOf(original), small: dimensionsOf(small), ...(upload.focus ? { focus: upload.focus } : {}) };
  const id = deps.ids.next();
  try {
    return ok(await writeTransaction(deps, async (tx) => {
      await insertMediaAttachment(tx, {
        id,
        status_id: null,
        account_id: upload.accountId,
        type: "image",
        remote_url: null,
        url: originalFile!.url,
        preview_url: (thumbnailFile ?? smallFile)!.url,
        media_type: MEDIA_TYPES[original.ext],
        description: upload.description || null,
        blurhash,
        meta: JSON.stringify(meta),
        position: 0,
        created_at: Date.now(),
      });
      await linkMediaFiles(tx, files.map((f) => f.key), id);
      return (await findOwnMedia(tx, upload.accountId, id))!;
    }));
  } catch (error) {
    await removeStoredFiles(deps, files);
    throw error;
  }
}
