// Work that waits for a time: scheduled statuses to publish, polls to close,
// idempotency keys to forget, suspended local accounts to purge after 30 days. The queue-consuming process runs a tick every
// few seconds; tests call the tick with the time they want
// (docs/adr/0011-scheduled-statuses.md).
import { getLogger } from "@logtape/logtape";
import { pruneIdempotencyKeys } from "../../../db/queries/idempotency-keys.ts";
import type { Millis } from "../../../db/schema/index.ts";
import type { ServiceDeps } from "../context.ts";
import { PURGE_BATCH, purgeExpiredSuspensions } from "../moderation/purge-suspended.ts";
import { END_BATCH, endDuePolls } from "../polls/end-polls.ts";
import type { HandleResolver } from "./local-text.ts";
import { PUBLISH_BATCH, publishDueStatuses } from "./publish-scheduled-statuses.ts";

const logger = getLogger(["parley", "scheduler"]);
const SCHEDULER_INTERVAL_MS = 10_000;

/** One tick: everything due at `now`, in full batches until none is left. */
export async function runScheduledWork(deps: ServiceDeps, resolveRemote: HandleResolver, now: Millis = Date.now()): Promise<void> {
  while ((await publishDueStatuses(deps, resolveRemote, now)) === PUBLISH_BATCH) { /* a full batch: take the next */ }
  while ((await endDuePolls(deps, now)) === END_BATCH) { /* likewise */ }
  await pruneIdempotencyKeys(deps.db, now);
  while ((await purgeExpiredSuspensions(deps, now)) === PURGE_BATCH) { /* likewise */ }
}

/** Runs tick now and every intervalMs until stopped (never two at once); a failing tick is logged and retried next time. */
export function startScheduler(tick: () => Promise<void>, intervalMs = SCHEDULER_INTERVAL_MS): { stop(): Promise<void> } {
  let current: Promise<void> | null = null;
  const run = () => {
    current ??= tick()
      .catch((error) => logger.error("Scheduled work failed: {error}", { error }))
      .finally(() => {
        current = null;
      });
  };
  run();
  const timer = setInterval(run, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
