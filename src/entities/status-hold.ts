// Parley's StatusHold JSON (no Mastodon counterpart): a status waiting for a
// moderator, with the status as its staff reader sees it.
import type { StatusHoldRow } from "../../db/queries/status-holds.ts";
import type { StatusEntity } from "./status.ts";

export interface StatusHoldJson {
  /** The held status's id. */
  id: string;
  status: StatusEntity | null;
  reason: string;
  /** The automatic rule that held it; null when a moderator did. */
  rule_id: string | null;
  /** The staff account's username, "cli", or "system" for a rule. */
  held_by: string;
  /** Whether it had been delivered before the hold (then release does not send it to other instances again). */
  published: boolean;
  created_at: string;
}

/** Serializes a hold with its rendered status. */
export function serializeHold(row: StatusHoldRow, status: StatusEntity | null): StatusHoldJson {
  return {
    id: row.status_id,
    status,
    reason: row.reason,
    rule_id: row.rule_id,
    held_by: row.actor_name,
    published: row.published === 1,
    created_at: new Date(Number(row.created_at)).toISOString(),
  };
}
