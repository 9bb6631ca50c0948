// Deleting an upload that no status uses (DELETE /api/v1/media/:id, Mastodon 4.4).
import { deleteMediaAttachments, findOwnMedia } from "../../../db/queries/media.ts";
import { findMediaFilesOf } from "../../../db/queries/media-files.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import type { ServiceDeps } from "../context.ts";
import { removeStoredFiles } from "./stored-files.ts";

/** Deletes the caller's upload and its files; one in use by a status is refused. */
export async function deleteMedia(deps: ServiceDeps, input: { accountId: Id; mediaId: Id }): Promise<Result<void>> {
  const media = await findOwnMedia(deps.db, input.accountId, input.mediaId);
  if (!media) return fail("not-found", "Record not found");
  if (media.status_id !== null) return fail("unprocessable", "Media attachment is currently used by a status");
  const files = await findMediaFilesOf(deps.db, [media.id]);
  await deleteMediaAttachments(deps.db, [media.id]);
  await removeStoredFiles(deps, files);
  return ok(undefined);
}
