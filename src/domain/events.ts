// Domain events: what services report after their transaction commits. Events
// of local origin are also written to the outbox table in that transaction, so
// federation/outbound can turn them into activities even after a crash.
import type { Id, Visibility } from "../../db/schema/index.ts";

export type Origin = "local" | "remote";

export type DomainEvent =
  | { type: "status.created"; statusId: Id }
  | { type: "status.updated"; statusId: Id }
  | {
    type: "status.deleted";
    statusId: Id;
    uri: string;
    accountId: Id;
    visibility: Visibility;
    mentionedAccountIds: Id[];
    /** Set when the deleted status was a reblog: then an Undo(Announce) goes out. */
    reblogOfUri: string | null;
    activityId: string;
  }
  /** A local poll's counts changed or it ended: an Update(Question) goes out. */
  | { type: "poll.updated"; statusId: Id; activityId: string }
  /** A local account voted in a remote poll: one vote Note per chosen option goes to its author. */
  | { type: "poll.voted"; statusId: Id; accountId: Id; voteIds: Id[] }
  /** A local account featured (or stopped featuring) a status: Add or Remove on its featured collection. */
  | { type: "status.pinned" | "status.unpinned"; accountId: Id; statusId: Id; activityId: string }
  | { type: "follow.requested"; followerId: Id; targetId: Id; uri: string }
  | { type: "follow.accepted"; followerId: Id; targetId: Id; uri: string; activityId: string }
  | { type: "follow.rejected"; followerId: Id; targetId: Id; uri: string; activityId: string }
  | { type: "follow.undone"; followerId: Id; targetId: Id; uri: string; activityId: string }
  | { type: "favourite.created"; accountId: Id; statusId: Id; uri: string }
  | { type: "favourite.removed"; accountId: Id; statusId: Id; uri: string; activityId: string }
  | { type: "block.created"; accountId: Id; targetId: Id; uri: string }
  | { type: "block.removed"; accountId: Id; targetId: Id; uri: string; activityId: string }
  | { type: "account.updated"; accountId: Id; activityId: string }
  | {
    type: "account.deleted";
    accountId: Id;
    uri: string;
    /** Inboxes (shared where possible) that knew the account, captured before its data went. */
    inboxes: { actorUri: string; inbox: string; sharedInbox: string | null }[];
    activityId: string;
  }
  /** A report against a remote account, forwarded: a Flag goes to its instance (and to `domains`) from the instance actor. */
  /** The Flag's statuses and recipients are fixed when the report is filed. */
  | { type: "report.forwarded"; reportId: Id; activityId: string; statusUris: string[]; recipientIds: Id[] }
  /** The IP blocks changed: this process reads them again at once (api/mastodon/middleware/ip-access.ts). */
  | { type: "ip_blocks.changed" }
  /** A report a remote instance filed was resolved: Parley's Flag outcome goes back to it. */
  | { type: "report.resolved"; reportId: Id; activityId: string }
  | { type: "notification.created"; notificationId: Id; accountId: Id };

/** In-process, after-commit listeners: outbox dispatch, streaming, Web Push. */
export interface EventBus {
  publish(events: readonly DomainEvent[]): void;
  subscribe(listener: (event: DomainEvent) => void): () => void;
}

/** Creates an event bus; one per app instance (no module-level state). */
export function createEventBus(): EventBus {
  const listeners = new Set<(event: DomainEvent) => void>();
  return {
    publish(events) {
      for (const event of events) {
        for (const listener of listeners) listener(event);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
