// Cleanup: uploads never attached to a status within a day are deleted, and
// files nothing refers to any more (their attachment deleted with its status
// or account, a replaced avatar, an interrupted upload) are removed.
import { getLogger } from "@logtape/logtape";
import { deleteMediaAttachments, findStaleUnattachedMediaIds } from "../../../db/queries/media.ts";
import { findOrphanedMediaFiles } from "../../../db/queries/media-files.ts";
import type { ServiceDeps } from "../context.ts";
import { removeStoredFiles } from "./stored-files.ts";

const logger = getLogger(["parley", "media"]);
/** How long an upload may wait for a status, and an unreferenced file for its reference. */
export const MEDIA_GRACE_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

/** Runs one cleanup as of `now`; returns what it removed. */
export async function cleanUpMedia(deps: ServiceDeps, now = Date.now()): Promise<{ attachments: number; files: number }> {
  const before = now - MEDIA_GRACE_MS;
  let attachments = 0;
  let files = 0;
  for (let ids = await findStaleUnattachedMediaIds(deps.db, before, BATCH); ids.length; ids = await findStaleUnattachedMediaIds(deps.db, before, BATCH)) {
    await deleteMediaAttachments(deps.db, ids);
    attachments += ids.length;
  }
  for (let rows = await findOrphanedMediaFiles(deps.db, before, BATCH); rows.length; rows = await findOrphanedMediaFiles(deps.db, before, BATCH)) {
    await removeStoredFiles(deps, rows);
    files += rows.length;
  }
  return { attachments, files };
}

/** Runs cleanup now and then every intervalMs until stopped (the queue worker does). */
export function startMediaCleanup(deps: ServiceDeps, intervalMs = 60 * 60 * 1000): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    // A run still going when the next is due is not doubled.
    running ??= cleanUpMedia(deps)
      .then((removed) => {
        if (removed.attachments || removed.files) logger.info("Media cleanup removed {attachments} uploads and {files} files", removed);
      })
      .catch((error) => logger.error("Media cleanup failed: {error}", { error }))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
