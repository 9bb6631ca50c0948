// Web Push delivery, off the request path (docs/adr/0013-streaming.md): each
// committed notification is queued in push_deliveries for every subscription
// of its recipient, right after its transaction; the process that runs the
// queue sends them, retrying with backoff, and keeps the rows until sent, so
// a restart loses nothing queued.
import { getLogger } from "@logtape/logtape";
import { claimPushDeliveries, deletePushDelivery, enqueuePushDeliveries, retryPushDelivery } from "../../../db/queries/push-deliveries.ts";
import type { ServiceDeps } from "../context.ts";
import { polledWorker } from "../polled-worker.ts";
import { deliverPush, type PushOptions } from "./deliver-push.ts";

const logger = getLogger(["parley", "push"]);
const BATCH = 20;
const LEASE_MS = 60_000;
const POLL_MS = 2_000;
const MAX_ATTEMPTS = 5;
// 30 s, 2 min, 8 min, 32 min.
const backoffMs = (attempts: number) => 30_000 * 4 ** attempts;

export interface PushDeliveries {
  /** Starts sending in this process (the one that runs the queue). */
  start(): void;
  /** Sends everything due now and what is being queued; resolves when done. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** Queues pushes for new notifications (in every process) and sends them once start() is called. */
export function startPushDeliveries(deps: ServiceDeps, options: PushOptions): PushDeliveries {
  const enqueuing = new Set<Promise<void>>();
  const worker = polledWorker({
    async batch() {
      const rows = await claimPushDeliveries(deps.db, BATCH, LEASE_MS, Date.now());
      await Promise.all(rows.map(async (row) => {
        const outcome = await deliverPush(deps, options, row).catch((error) => {
          logger.warn("Push delivery {id} failed: {error}", { id: row.id, error });
          return "retry" as const;
        });
        if (outcome === "retry" && row.attempts + 1 < MAX_ATTEMPTS) await retryPushDelivery(deps.db, row.id, Date.now() + backoffMs(row.attempts));
        else if (outcome !== "gone") await deletePushDelivery(deps.db, row.id);
      }));
      return rows.length === BATCH;
    },
    // Deliveries queued by other processes, and retries, are found by polling.
    pollMs: POLL_MS,
    onError: (error) => logger.error("Push delivery failed: {error}", { error }),
  });

  const unsubscribe = deps.events.subscribe((event) => {
    if (event.type !== "notification.created") return;
    const queued: Promise<void> = enqueuePushDeliveries(deps.db, event.notificationId, event.accountId, Date.now())
      .then((count) => {
        if (count > 0 && worker.started) void worker.run();
      })
      .catch((error) => logger.error("Could not queue pushes for notification {id}: {error}", { id: event.notificationId, error }))
      .finally(() => enqueuing.delete(queued));
    enqueuing.add(queued);
  });

  return {
    start: worker.start,
    async drain() {
      await Promise.all(enqueuing);
      await worker.run();
    },
    async close() {
      unsubscribe();
      const stopped = worker.stop();
      await Promise.all(enqueuing);
      await stopped;
    },
  };
}
