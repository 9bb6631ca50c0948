// Row types of Parley's tables, as Kysely sees them. Conventions, identical on
// SQLite and PostgreSQL (docs/adr/0002-column-types.md):
// - ids are 64-bit integers in the database and digit strings in JS (Id);
// - times are integers of milliseconds since the epoch (Millis);
// - flags are integers 0/1 (Flag);
// - structured values are JSON text (Json<T>), parsed in db/queries.
import type { Generated } from "kysely";
import type { AccountModerationTables } from "./account-moderation.ts";
import type { InstanceTables } from "./instance.ts";
import type { FederationControlsTables } from "./federation-controls.ts";
import type { MediaTables } from "./media.ts";
import type { ModerationTables } from "./moderation.ts";
import type { OAuthTables } from "./oauth.ts";
import type { PreviewCardsTables } from "./preview-cards.ts";
import type { PushTables } from "./push.ts";
import type { RegistrationsTables } from "./registrations.ts";
import type { RulesTables } from "./rules.ts";
import type { ReportsTables } from "./reports.ts";
import type { TimelinesTables } from "./timelines.ts";
import type { RelationshipsTables } from "./relationships.ts";
import type { SearchTables } from "./search.ts";
import type { SignUpControlsTables } from "./sign-up-controls.ts";
import type { StatusesTables } from "./statuses.ts";

/** A Mastodon-style snowflake id: a string of digits, a bigint in SQL. */
export type Id = string;
/** Milliseconds since the Unix epoch. */
export type Millis = number;
/** 0 or 1: booleans stored the same way on both dialects. */
export type Flag = number;
/** JSON text. The type parameter documents what it holds once parsed. */
export type Json<_T> = string;

export type Visibility = "public" | "unlisted" | "private" | "direct";
export type Role = "owner" | "admin" | "moderator" | "user";
export type ActorType = "Person" | "Service" | "Group" | "Application" | "Organization";

export interface AccountField {
  name: string;
  value: string;
  verifiedAt: Millis | null;
}
export interface CustomEmoji {
  shortcode: string;
  url: string;
}
export interface PublicKeyRecord {
  id: string;
  /** PEM (SPKI) for RSA keys, multibase for Ed25519 keys. */
  pem?: string;
  multibase?: string;
}

export interface AccountsTable {
  id: Id;
  username: string;
  /** null for local accounts; the lowercased host (with port) for remote ones. */
  domain: string | null;
  display_name: string;
  /** Sanitized HTML. */
  note: string;
  avatar_url: string | null;
  header_url: string | null;
  fields: Json<AccountField[]>;
  emojis: Json<CustomEmoji[]>;
  locked: Flag;
  bot: Flag;
  discoverable: Flag;
  actor_type: ActorType;
  uri: string;
  url: string | null;
  inbox_url: string;
  shared_inbox_url: string | null;
  outbox_url: string | null;
  followers_url: string | null;
  following_url: string | null;
  featured_url: string | null;
  public_keys: Json<PublicKeyRecord[]>;
  also_known_as: Json<string[]>;
  moved_to_account_id: Id | null;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  last_status_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
  /** When a remote actor document was last fetched; null for local accounts. */
  fetched_at: Millis | null;
  /** Set when a local account was deleted: its actor answers 410 Gone, its keys sign the Delete. */
  deleted_at: Millis | null;
  /** Moderation (0012): unreachable, its content hidden. */
  suspended_at: Generated<Millis | null>;
  /** Moderation (0012): limited, hidden from public timelines and from non-followers. */
  silenced_at: Generated<Millis | null>;
  /** Moderation (0012): all its media shown as sensitive. */
  sensitized_at: Generated<Millis | null>;
}

export interface UsersTable {
  id: Id;
  account_id: Id;
  email: string;
  password_hash: string;
  role: Role;
  created_at: Millis;
  /** Moderation (0012): login disabled; tokens answer 401. */
  disabled_at: Generated<Millis | null>;
}

export interface KeyPairsTable {
  account_id: Id;
  /** "RSASSA-PKCS1-v1_5" or "Ed25519". */
  algorithm: string;
  private_jwk: Json<JsonWebKey>;
  public_jwk: Json<JsonWebKey>;
  created_at: Millis;
}

export interface FollowsTable {
  id: Id;
  account_id: Id;
  target_account_id: Id;
  /** The Follow activity's id. */
  uri: string;
  show_reblogs: Flag;
  notify: Flag;
  created_at: Millis;
}

export type FollowRequestsTable = FollowsTable;

export interface BlocksTable {
  id: Id;
  account_id: Id;
  target_account_id: Id;
  uri: string;
  created_at: Millis;
}

export interface StatusesTable {
  id: Id;
  uri: string;
  url: string | null;
  account_id: Id;
  local: Flag;
  in_reply_to_id: Id | null;
  /** The parent's URI, kept even when the parent is not (yet) known. */
  in_reply_to_uri: string | null;
  in_reply_to_account_id: Id | null;
  reblog_of_id: Id | null;
  /** ActivityStreams type: Note, Question, Article, Page, ... */
  object_type: string;
  /** Sanitized HTML. */
  content: string;
  /** The plain source of a local status; null for remote ones. */
  text: string | null;
  /** Title of an Article or Page. */
  name: string | null;
  spoiler_text: string;
  sensitive: Flag;
  visibility: Visibility;
  language: string | null;
  emojis: Json<CustomEmoji[]>;
  /** Options of a Question, shown as a poll. */
  poll: Json<PollData | null>;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  created_at: Millis;
  edited_at: Millis | null;
  updated_at: Millis;
  /** The root of the thread (Mastodon's conversation); added by 0006-statuses. */
  thread_id: Id | null;
  /** The OAuth application a local status was posted with; added by 0006-statuses. */
  application_id: Id | null;
  /** Set while the status waits for a moderator (0019-rules-and-holds): only its author and staff see it. */
  held_at: Generated<Millis | null>;
}

export interface PollData {
  multiple: boolean;
  expiresAt: Millis | null;
  options: { title: string; votesCount: number }[];
  votersCount: number | null;
  /** Counts stay hidden until the poll ends (local polls). */
  hideTotals?: boolean;
}

export interface StatusEditsTable {
  id: Id;
  status_id: Id;
  content: string;
  spoiler_text: string;
  sensitive: Flag;
  created_at: Millis;
  /** Media of the revision, in order; added by 0006-statuses. */
  media_ids: Json<Id[]>;
  /** Poll option titles of the revision, null without a poll; added by 0006-statuses. */
  poll_options: Json<string[]> | null;
}

export interface MentionsTable {
  status_id: Id;
  account_id: Id;
}

export interface TagsTable {
  id: Id;
  /** Lowercased name without '#'. */
  name: string;
  display_name: string;
  created_at: Millis;
}

export interface StatusTagsTable {
  status_id: Id;
  tag_id: Id;
}

export interface FavouritesTable {
  id: Id;
  account_id: Id;
  status_id: Id;
  uri: string;
  created_at: Millis;
}

export type NotificationType =
  | "mention"
  | "status"
  | "reblog"
  | "follow"
  | "follow_request"
  | "favourite"
  | "poll"
  | "update"
  /** An account warning from a moderator (0013-account-moderation). */
  | "moderation_warning"
  /** Parley: tells a reporter their report was resolved (ADR 23). */
  | "admin.report";

export interface NotificationsTable {
  id: Id;
  account_id: Id;
  from_account_id: Id;
  type: NotificationType;
  status_id: Id | null;
  created_at: Millis;
  /** Shared by notifications shown as one group (API v2); added by 0007-timelines. */
  group_key: string | null;
  /** 1 when the recipient's notification policy filtered it into a request; added by 0007-timelines. */
  filtered: Flag;
  /** The warning a moderation_warning notification tells of; added by 0013-account-moderation. */
  account_warning_id: Generated<Id | null>;
}

export interface MediaAttachmentsTable {
  id: Id;
  status_id: Id | null;
  account_id: Id;
  /** image, gifv, video, audio, unknown */
  type: string;
  /** Where the file lives on its origin, for remote media. */
  remote_url: string | null;
  url: string | null;
  preview_url: string | null;
  media_type: string | null;
  description: string | null;
  blurhash: string | null;
  meta: Json<Record<string, unknown>>;
  position: number;
  created_at: Millis;
}

export interface HomeTimelineEntriesTable {
  account_id: Id;
  status_id: Id;
}

export interface OutboxEventsTable {
  id: Generated<number>;
  /** Domain event name, e.g. "status.created". */
  type: string;
  payload: Json<unknown>;
  created_at: Millis;
  /** Set while a process turns the event into activities; a stale claim is taken again. */
  claimed_until: Millis | null;
}

export interface FedifyKvTable {
  key: string;
  value: string;
  expires_at: Millis | null;
}

export interface FedifyMessagesTable {
  id: Id;
  payload: string;
  ordering_key: string | null;
  available_at: Millis;
  /** Set while a worker holds the message; a stale lease is taken again. */
  locked_until: Millis | null;
  created_at: Millis;
}

/** The tables of the core (issue 2). */
export interface CoreTables {
  accounts: AccountsTable;
  users: UsersTable;
  key_pairs: KeyPairsTable;
  follows: FollowsTable;
  follow_requests: FollowRequestsTable;
  blocks: BlocksTable;
  statuses: StatusesTable;
  status_edits: StatusEditsTable;
  mentions: MentionsTable;
  tags: TagsTable;
  status_tags: StatusTagsTable;
  favourites: FavouritesTable;
  notifications: NotificationsTable;
  media_attachments: MediaAttachmentsTable;
  home_timeline_entries: HomeTimelineEntriesTable;
  outbox_events: OutboxEventsTable;
  fedify_kv: FedifyKvTable;
  fedify_messages: FedifyMessagesTable;
}

/**
 * Every table, as Kysely sees the database. Each area keeps its row types in
 * its own file under db/schema/ and joins the list here.
 */
export interface Database extends CoreTables, FederationControlsTables, OAuthTables, TimelinesTables, MediaTables, RelationshipsTables, RegistrationsTables, StatusesTables, PushTables, InstanceTables, SearchTables, ModerationTables, PreviewCardsTables, ReportsTables, RulesTables, SignUpControlsTables, AccountModerationTables {}
