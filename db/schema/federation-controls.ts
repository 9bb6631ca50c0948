// Row types of federation controls (migration 0018-domain-blocks).
import type { Flag, Id, Json, Millis } from "./index.ts";

export type DomainBlockSeverity = "suspend" | "silence" | "noop";

/** An instance-level block of a domain and its subdomains (not a user's domain block). */
export interface DomainBlocksTable {
  id: Id;
  domain: string;
  severity: DomainBlockSeverity;
  reject_media: Flag;
  reject_reports: Flag;
  private_comment: string | null;
  public_comment: string | null;
  obfuscate: Flag;
  /** The blocklist subscription that made it; null when made here (a local block wins over lists). */
  subscription_id: Id | null;
  created_at: Millis;
  updated_at: Millis;
}

/** A domain federation is allowed with (the list that matters in allowlist mode; an exception to subscriptions). */
export interface DomainAllowsTable {
  id: Id;
  domain: string;
  created_at: Millis;
}

/** One entry of a blocklist as parsed, the shape of a block without ids. */
export interface BlocklistEntry {
  domain: string;
  severity: DomainBlockSeverity;
  reject_media: boolean;
  reject_reports: boolean;
  public_comment: string | null;
  obfuscate: boolean;
}

/** What fetching a blocklist would change, waiting for review. */
export interface PendingBlocklistChanges {
  added: BlocklistEntry[];
  changed: BlocklistEntry[];
  removed: string[];
}

export interface BlocklistSubscriptionsTable {
  id: Id;
  url: string;
  auto_apply: Flag;
  pending: Json<PendingBlocklistChanges> | null;
  last_fetched_at: Millis | null;
  last_error: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface FederationControlsTables {
  domain_blocks: DomainBlocksTable;
  domain_allows: DomainAllowsTable;
  blocklist_subscriptions: BlocklistSubscriptionsTable;
}
