// Row types of moderation (migration 0012-moderation).
import type { Id, Json, Millis } from "./index.ts";

/** One moderation action. Append-only: the database refuses UPDATE and DELETE. */
export interface AuditLogTable {
  id: Id;
  /** The local account that acted; null for the operator's CLI and automatic rules. */
  actor_account_id: Id | null;
  /** The actor as shown in the log (acct, "cli" or "system"), kept when the account goes. */
  actor_name: string;
  /** What was done, e.g. "account.suspend", "role.change", "report.resolve". */
  action: string;
  /** What it was done to: "account", "status", "report", "domain_block", ... */
  target_type: string;
  target_id: string;
  reason: string | null;
  /** Details of the action (before/after values, options). */
  data: Json<Record<string, unknown>>;
  created_at: Millis;
}

export interface ModerationTables {
  audit_log: AuditLogTable;
}
