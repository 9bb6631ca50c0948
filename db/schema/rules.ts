// Row types of automatic rules and holds (migration 0019-rules-and-holds).
// statuses.held_at, added by the same migration, is declared on StatusesTable.
import type { Flag, Id, Json, Millis } from "./index.ts";

export type RuleKind = "keyword" | "regex" | "mention_flood" | "link_spam";
export type RuleAction = "flag" | "hold" | "sensitive" | "reject";
export type RuleField = "text" | "spoiler" | "alt_text" | "display_name" | "bio" | "link_domains";

/** Thresholds of mention_flood and link_spam rules. */
export interface RuleParams {
  /** mention_flood: more than this many accounts mentioned. */
  maxMentions?: number;
  /** mention_flood: only by accounts younger than this (the new-account rule); absent for any account. */
  accountAgeHours?: number;
  /** link_spam: more than this many links to one domain. */
  maxLinksPerDomain?: number;
  /** link_spam: any link to these domains (or their subdomains). */
  domains?: string[];
}

export interface ModerationRulesTable {
  id: Id;
  kind: RuleKind;
  pattern: string | null;
  fields: Json<RuleField[]>;
  params: Json<RuleParams>;
  action: RuleAction;
  /** 1: matches are counted and kept as examples, nothing is done. */
  dry_run: Flag;
  comment: string;
  matches_count: number;
  last_matched_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface ModerationRuleMatchesTable {
  id: Id;
  rule_id: Id;
  subject_type: "status" | "account";
  subject_uri: string | null;
  account_id: Id | null;
  /** What matched, cut short. */
  excerpt: string;
  dry_run: Flag;
  created_at: Millis;
}

export interface StatusHoldsTable {
  status_id: Id;
  rule_id: Id | null;
  actor_account_id: Id | null;
  actor_name: string;
  reason: string;
  /** 1 when the status had been delivered before it was held: release then only shows it again. */
  published: Flag;
  created_at: Millis;
}

export interface RulesTables {
  moderation_rules: ModerationRulesTable;
  moderation_rule_matches: ModerationRuleMatchesTable;
  status_holds: StatusHoldsTable;
}
