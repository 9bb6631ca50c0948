// Row types of the instance's own description, announcements, custom emoji
// and users' content filters (migration 0008-instance).
import type { Flag, Id, Json, Millis } from "./index.ts";

export interface InstanceSettingsTable {
  /** A setting name such as "title" or "contact_email" (src/services/instance/instance-settings.ts). */
  key: string;
  value: string;
  updated_at: Millis;
}

export interface InstanceRulesTable {
  id: Id;
  text: string;
  hint: string;
  position: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface AnnouncementsTable {
  id: Id;
  /** The operator's plain text. */
  text: string;
  /** text rendered to HTML. */
  content: string;
  starts_at: Millis | null;
  ends_at: Millis | null;
  all_day: Flag;
  published_at: Millis;
  created_at: Millis;
  updated_at: Millis;
}

export interface AnnouncementDismissalsTable {
  announcement_id: Id;
  account_id: Id;
  created_at: Millis;
}

export interface AnnouncementReactionsTable {
  announcement_id: Id;
  account_id: Id;
  /** A unicode emoji, or the shortcode of a local custom emoji. */
  name: string;
  custom_emoji_id: Id | null;
  created_at: Millis;
}

export interface CustomEmojisTable {
  id: Id;
  shortcode: string;
  /** null for local emoji. */
  domain: string | null;
  url: string;
  static_url: string;
  category: string | null;
  visible_in_picker: Flag;
  disabled: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export type FilterContext = "home" | "notifications" | "public" | "thread" | "account";
export type FilterAction = "warn" | "hide" | "blur";

export interface FiltersTable {
  id: Id;
  account_id: Id;
  title: string;
  context: Json<FilterContext[]>;
  action: FilterAction;
  expires_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface FilterKeywordsTable {
  id: Id;
  filter_id: Id;
  keyword: string;
  whole_word: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export interface FilterStatusesTable {
  id: Id;
  filter_id: Id;
  status_id: Id;
  created_at: Millis;
}

export interface InstanceTables {
  instance_settings: InstanceSettingsTable;
  instance_rules: InstanceRulesTable;
  announcements: AnnouncementsTable;
  announcement_dismissals: AnnouncementDismissalsTable;
  announcement_reactions: AnnouncementReactionsTable;
  custom_emojis: CustomEmojisTable;
  filters: FiltersTable;
  filter_keywords: FilterKeywordsTable;
  filter_statuses: FilterStatusesTable;
}
