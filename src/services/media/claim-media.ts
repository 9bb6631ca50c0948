// Attaching uploads to a status (media_ids of POST and PUT /api/v1/statuses).
// The statuses service calls these; rules follow Mastodon's PostStatusService
// and UpdateStatusService: at most 4, the author's own, not attached
// elsewhere, in the order given.
import type { Executor } from "../../../db/queries/executor.ts";
import { attachMediaToStatus, deleteMediaAttachments, findAttachableMedia, findLocalMediaIdsOfStatusExcept } from "../../../db/queries/media.ts";
import type { MediaRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import { isId } from "../../domain/ids.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import type { Tx } from "../context.ts";

// Mastodon's Status::MEDIA_ATTACHMENTS_LIMIT.
export const MAX_MEDIA_ATTACHMENTS = 4;

const notFound = (ids: readonly string[]) => fail("validation", `Media ${ids.join(", ")} not found or already attached to another post`);

/**
 * Checks media_ids without writing: at most 4, each uploaded by accountId and
 * unattached (or already on statusId, when editing). Returns the rows in the
 * given order, duplicates dropped. Call it before opening a transaction to
 * refuse a bad request early.
 */
export async function findMediaToAttach(db: Executor, accountId: Id, mediaIds: readonly string[], statusId: Id | null = null): Promise<Result<MediaRow[]>> {
  const ids = [...new Set(mediaIds)];
  if (ids.length > MAX_MEDIA_ATTACHMENTS) return fail("validation", `Cannot attach more than ${MAX_MEDIA_ATTACHMENTS} files`);
  const rows = await findAttachableMedia(db, accountId, ids.filter(isId), statusId);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = ids.filter((id) => !byId.has(id));
  return missing.length ? notFound(missing) : ok(ids.map((id) => byId.get(id)!));
}

/**
 * Makes mediaIds the local attachments of statusId, in order, inside the
 * caller's transaction (after the status row is written). Local attachments
 * the status had but are no longer listed are deleted; their files are
 * removed by cleanup. On failure, throw to roll the transaction back: a
 * concurrent claim may have attached some of the media already.
 */
export async function claimMediaForStatus(tx: Tx, accountId: Id, mediaIds: readonly string[], statusId: Id): Promise<Result<MediaRow[]>> {
  const found = await findMediaToAttach(tx, accountId, mediaIds, statusId);
  if (!found.ok) return found;
  const claimed: MediaRow[] = [];
  for (const [position, media] of found.value.entries()) {
    // Conditional on still being free: a concurrent claim that won leaves 0 rows here.
    if (!(await attachMediaToStatus(tx, media.id, statusId, position))) return notFound([media.id]);
    claimed.push({ ...media, status_id: statusId, position });
  }
  await deleteMediaAttachments(tx, await findLocalMediaIdsOfStatusExcept(tx, statusId, claimed.map((m) => m.id)));
  return ok(claimed);
}
