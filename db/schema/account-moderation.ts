// Row types of account moderation (migration 0013-account-moderation).
import type { Id, Json, Millis } from "./index.ts";

/** Mastodon's AccountWarning actions. */
export type WarningAction = "none" | "disable" | "mark_statuses_as_sensitive" | "delete_statuses" | "sensitive" | "silence" | "suspend";

/** A warning or strike a moderator gave an account, with the text the account is shown. */
export interface AccountWarningsTable {
  id: Id;
  account_id: Id;
  /** The staff account that gave it; null for the CLI and automatic rules. */
  moderator_account_id: Id | null;
  action: WarningAction;
  text: string;
  status_ids: Json<Id[]>;
  report_id: Id | null;
  created_at: Millis;
}

export interface AccountModerationTables {
  account_warnings: AccountWarningsTable;
}
