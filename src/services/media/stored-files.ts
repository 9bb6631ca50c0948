// Writing and removing media files together with their ledger rows: a row is
// recorded before its file is written, so a crash leaves at worst a row
// without a file (harmless), never a file nobody knows about.
import { deleteMediaFileRows, insertMediaFiles, type MediaFileRow } from "../../../db/queries/media-files.ts";
import type { MediaFileStyle } from "../../../db/schema/media.ts";
import type { ServiceDeps } from "../context.ts";
import type { Rendition } from "./process-image.ts";
import { mediaKey } from "./storage.ts";

/** Records and writes the renditions of one upload (token from newMediaToken); all or none. */
export async function storeRenditions(
  deps: ServiceDeps,
  token: string,
  renditions: readonly { style: MediaFileStyle; rendition: Rendition }[],
): Promise<MediaFileRow[]> {
  const now = Date.now();
  const rows = renditions.map(({ style, rendition }) => {
    const key = mediaKey(token, style, rendition.ext);
    return { key, media_attachment_id: null, style, url: deps.media.urlOf(key), created_at: now };
  });
  await insertMediaFiles(deps.db, rows);
  try {
    await Promise.all(renditions.map(({ rendition }, i) => deps.media.put(rows[i]!.key, rendition.bytes)));
  } catch (error) {
    await removeStoredFiles(deps, rows);
    throw error;
  }
  return rows;
}

/** Removes files from storage, then forgets them. */
export async function removeStoredFiles(deps: ServiceDeps, rows: readonly Pick<MediaFileRow, "key">[]): Promise<void> {
  await Promise.all(rows.map((row) => deps.media.delete(row.key)));
  await deleteMediaFileRows(deps.db, rows.map((row) => row.key));
}
