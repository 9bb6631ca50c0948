// Row types of the status endpoints' tables (migration 0006-statuses). The
// columns that migration adds to statuses and status_edits are declared with
// those tables in db/schema/index.ts.
import type { Id, Json, Millis, Visibility } from "./index.ts";

export interface BookmarksTable {
  id: Id;
  account_id: Id;
  status_id: Id;
  created_at: Millis;
}

/** A status featured on its author's profile (the ActivityPub featured collection). */
export interface StatusPinsTable {
  id: Id;
  account_id: Id;
  status_id: Id;
  created_at: Millis;
}

/** An account that muted notifications from one thread (statuses.thread_id). */
export interface ConversationMutesTable {
  account_id: Id;
  thread_id: Id;
  created_at: Millis;
}

/** One chosen option of one voter; a multiple-choice vote has a row per option. */
export interface PollVotesTable {
  id: Id;
  status_id: Id;
  account_id: Id;
  /** Index into the poll's options. */
  choice: number;
  /** The vote Note's id: minted for local voters, as received for remote ones. */
  uri: string | null;
  created_at: Millis;
}

/** A poll whose end is still to be handled; deleted once it was. */
export interface PollDeadlinesTable {
  status_id: Id;
  expires_at: Millis;
  /** Set while a process handles it; a stale claim is taken again. */
  claimed_until: Millis | null;
}

/** What a scheduled status will be posted with (Mastodon's ScheduledStatus params). */
export interface ScheduledStatusParams {
  text: string;
  visibility: Visibility;
  spoiler_text: string | null;
  sensitive: boolean | null;
  language: string | null;
  in_reply_to_id: Id | null;
  media_ids: Id[] | null;
  poll: { options: string[]; expires_in: number; multiple: boolean; hide_totals: boolean } | null;
}

export interface ScheduledStatusesTable {
  id: Id;
  account_id: Id;
  application_id: Id | null;
  scheduled_at: Millis;
  params: Json<ScheduledStatusParams>;
  created_at: Millis;
  /** Set while a process publishes it; a stale claim is taken again. */
  claimed_until: Millis | null;
}

/** An upload a scheduled status will attach (kept from media cleanup until then). */
export interface ScheduledStatusMediaTable {
  scheduled_status_id: Id;
  media_attachment_id: Id;
}

/** An Idempotency-Key an account used, and what it created (a status or a scheduled one). */
export interface IdempotencyKeysTable {
  account_id: Id;
  key: string;
  status_id: Id | null;
  scheduled_status_id: Id | null;
  created_at: Millis;
}

export interface StatusesTables {
  bookmarks: BookmarksTable;
  status_pins: StatusPinsTable;
  conversation_mutes: ConversationMutesTable;
  poll_votes: PollVotesTable;
  poll_deadlines: PollDeadlinesTable;
  scheduled_statuses: ScheduledStatusesTable;
  scheduled_status_media: ScheduledStatusMediaTable;
  idempotency_keys: IdempotencyKeysTable;
}
