// Queries on the audit log: appending an entry and reading pages of it.
// There is no update or delete: the database refuses both (0012-moderation).
import type { Insertable, Selectable } from "kysely";
import type { AuditLogTable } from "../schema/moderation.ts";
import type { Executor } from "./executor.ts";
import type { Id } from "../schema/index.ts";
import { type IdRange, withinRange } from "./timelines.ts";

export type AuditLogRow = Selectable<AuditLogTable>;

/** Appends one entry. */
export async function insertAuditEntry(db: Executor, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto("audit_log").values(row).execute();
}

export interface AuditLogFilter {
  actorAccountId?: Id;
  targetType?: string;
  targetId?: string;
  action?: string;
}

/** One keyset page of entries, filtered by actor, target or action. */
export function pageAuditEntries(db: Executor, filter: AuditLogFilter, range: IdRange): Promise<AuditLogRow[]> {
  let q = withinRange(db.selectFrom("audit_log").selectAll(), "id", range);
  if (filter.actorAccountId) q = q.where("actor_account_id", "=", filter.actorAccountId);
  if (filter.targetType) q = q.where("target_type", "=", filter.targetType);
  if (filter.targetId) q = q.where("target_id", "=", filter.targetId);
  if (filter.action) q = q.where("action", "=", filter.action);
  return q.execute();
}
