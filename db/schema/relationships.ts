// Row types of the relationship tables (migration 0004-relationships).
import type { Flag, Id, Json, Millis, Visibility } from "./index.ts";

export interface MutesTable {
  id: Id;
  account_id: Id;
  target_account_id: Id;
  /** 1: no notifications from the muted account either (Mastodon's default). */
  hide_notifications: Flag;
  /** null: until lifted. An expired mute is ignored by every query. */
  expires_at: Millis | null;
  created_at: Millis;
}

/** A user's private comment on another account. */
export interface AccountNotesTable {
  account_id: Id;
  target_account_id: Id;
  comment: string;
  updated_at: Millis;
}

/** An endorsement: an account featured on the user's profile. */
export interface AccountPinsTable {
  id: Id;
  account_id: Id;
  target_account_id: Id;
  created_at: Millis;
}

/** A user hiding a whole remote domain. */
export interface AccountDomainBlocksTable {
  id: Id;
  account_id: Id;
  /** Lowercased host, with the port when there is one (as accounts.domain). */
  domain: string;
  created_at: Millis;
}

/** The languages a follower wants from a followed account; no row: all. */
export interface FollowLanguagesTable {
  account_id: Id;
  target_account_id: Id;
  languages: Json<string[]>;
}

export interface TagFollowsTable {
  id: Id;
  account_id: Id;
  tag_id: Id;
  created_at: Millis;
}

export type FeaturedTagsTable = TagFollowsTable;

export interface SuggestionDismissalsTable {
  account_id: Id;
  target_account_id: Id;
  created_at: Millis;
}

/** A local user's posting defaults (CredentialAccount source, Preferences). */
export interface UserSettingsTable {
  account_id: Id;
  default_privacy: Exclude<Visibility, "direct">;
  default_sensitive: Flag;
  default_language: string | null;
  updated_at: Millis;
}

export interface RelationshipsTables {
  mutes: MutesTable;
  account_notes: AccountNotesTable;
  account_pins: AccountPinsTable;
  account_domain_blocks: AccountDomainBlocksTable;
  follow_languages: FollowLanguagesTable;
  tag_follows: TagFollowsTable;
  featured_tags: FeaturedTagsTable;
  suggestion_dismissals: SuggestionDismissalsTable;
  user_settings: UserSettingsTable;
}
