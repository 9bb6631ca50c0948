// Turns outboxed domain events into activities. Woken after each commit and
// at start (events left by a crash are sent then); one batch at a time.
import type { Federation } from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import { claimOutboxBatch, deleteOutboxEvent } from "../../db/queries/outbox.ts";
import type { DomainEvent } from "../../src/domain/events.ts";
import { polledWorker } from "../../src/services/polled-worker.ts";
import type { ParleyContext, ParleyContextData } from "../context.ts";
import { onAccountDeleted, onAccountUpdated } from "./account-events.ts";
import { onStatusPinned } from "./pin-events.ts";
import { onPollUpdated, onPollVoted } from "./poll-events.ts";
import { onReportForwarded, onReportResolved } from "./report-events.ts";
import { onBlock, onFavourite, onFollowAnswered, onFollowRequested, onFollowUndone } from "./relationship-events.ts";
import { onStatusCreated, onStatusDeleted, onStatusUpdated } from "./status-events.ts";

const logger = getLogger(["parley", "federation", "outbound"]);
const BATCH = 50;
const LEASE_MS = 60_000;

async function handle(ctx: ParleyContext, event: DomainEvent): Promise<void> {
  switch (event.type) {
    case "status.created": return onStatusCreated(ctx, event);
    case "status.updated": return onStatusUpdated(ctx, event);
    case "status.deleted": return onStatusDeleted(ctx, event);
    case "status.pinned":
    case "status.unpinned": return onStatusPinned(ctx, event);
    case "poll.updated": return onPollUpdated(ctx, event);
    case "poll.voted": return onPollVoted(ctx, event);
    case "follow.requested": return onFollowRequested(ctx, event);
    case "follow.accepted":
    case "follow.rejected": return onFollowAnswered(ctx, event);
    case "follow.undone": return onFollowUndone(ctx, event);
    case "favourite.created":
    case "favourite.removed": return onFavourite(ctx, event);
    case "block.created":
    case "block.removed": return onBlock(ctx, event);
    case "account.updated": return onAccountUpdated(ctx, event);
    case "account.deleted": return onAccountDeleted(ctx, event);
    case "report.forwarded": return onReportForwarded(ctx, event);
    case "report.resolved": return onReportResolved(ctx, event);
    case "notification.created": return;
  }
}

export interface OutboxDispatcher {
  /** Asks for a drain soon; cheap to call after every commit. */
  wake(): void;
  /** Resolves once everything outboxed so far has been handed to the queue. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts draining the outbox of one instance into Fedify's delivery queue. */
export function startOutboxDispatcher(federation: Federation<ParleyContextData>, data: ParleyContextData, origin: URL): OutboxDispatcher {
  let stopped = false;
  let wakeScheduled = false;

  async function drainOnce(): Promise<boolean> {
    const ctx = federation.createContext(origin, data);
    const rows = await claimOutboxBatch(data.db, BATCH, LEASE_MS);
    for (const row of rows) {
      try {
        await handle(ctx, JSON.parse(row.payload) as DomainEvent);
      } catch (error) {
        // A failed delivery never fails the local action; a broken event is logged and dropped.
        logger.error("Could not federate {type} event {id}: {error}", { type: row.type, id: row.id, error });
      }
      await deleteOutboxEvent(data.db, row.id);
    }
    return rows.length === BATCH;
  }

  // Drains run on wake-ups (commits in this process), never on a timer.
  const worker = polledWorker({
    batch: () => (stopped ? Promise.resolve(false) : drainOnce()),
    pollMs: 0,
    onError: (error) => logger.error("Outbox drain failed: {error}", { error }),
  });

  return {
    // The events of one commit, and of commits finishing together, share one
    // drain (each drain claims with an UPDATE, whether or not there is work).
    wake() {
      if (wakeScheduled || stopped) return;
      wakeScheduled = true;
      setImmediate(() => {
        wakeScheduled = false;
        void worker.run();
      });
    },
    drain: () => worker.run(),
    async stop() {
      stopped = true;
      await worker.stop();
    },
  };
}
