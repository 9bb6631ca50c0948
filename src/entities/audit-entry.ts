// Parley's AuditEntry JSON (no Mastodon counterpart): one moderation action.
import type { AuditLogRow } from "../../db/queries/audit-log.ts";

export interface AuditEntryJson {
  id: string;
  action: string;
  /** The staff account that acted; null for the CLI and automatic rules. */
  account_id: string | null;
  actor: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  data: Record<string, unknown>;
  created_at: string;
}

/** Serializes one audit log row. */
export function serializeAuditEntry(row: AuditLogRow): AuditEntryJson {
  return {
    id: row.id,
    action: row.action,
    account_id: row.actor_account_id,
    actor: row.actor_name,
    target_type: row.target_type,
    target_id: row.target_id,
    reason: row.reason,
    data: JSON.parse(row.data) as Record<string, unknown>,
    created_at: new Date(Number(row.created_at)).toISOString(),
  };
}
