// Who did a moderation action, and the one way an action is written to the
// audit log: inside the transaction of the action itself, so the log holds
// exactly what happened.
import { insertAuditEntry } from "../../../db/queries/audit-log.ts";
import type { Id, Role } from "../../../db/schema/index.ts";
import type { ServiceDeps, Tx } from "../context.ts";

/** The one acting: a staff account (through the API), the operator's CLI, or Parley itself (automatic rules). */
export interface Moderator {
  /** null for the CLI and for automatic rules. */
  accountId: Id | null;
  /** Shown in the log: the staff account's username, "cli" or "system". */
  name: string;
  role: Role;
}

/** The operator at the command line: has every power, like the owner. */
export const CLI_MODERATOR: Moderator = { accountId: null, name: "cli", role: "owner" };
/** Parley's automatic rules acting on their own. */
export const SYSTEM_MODERATOR: Moderator = { accountId: null, name: "system", role: "admin" };

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: Id | string;
  reason?: string | null;
  data?: Record<string, unknown>;
}

/** Appends the action to the audit log, in the action's own transaction. */
export async function recordAudit(deps: ServiceDeps, tx: Tx, moderator: Moderator, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(tx, {
    id: deps.ids.next(),
    actor_account_id: moderator.accountId,
    actor_name: moderator.name,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    reason: entry.reason ?? null,
    data: JSON.stringify(entry.data ?? {}),
    created_at: Date.now(),
  });
}
