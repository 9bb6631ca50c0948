// Who may see a status: the one rule behind the API, dereferencing and
// delivery, written once as SQL in db/queries/status-visibility.ts. Public and
// unlisted: anyone not blocked; private: the author, its followers and
// mentioned accounts; direct: the author and mentioned accounts. A status
// held for review: its author and staff only.
import type { Executor } from "../../../db/queries/executor.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import { findVisibleStatusIds } from "../../../db/queries/status-visibility.ts";
import { findActiveStaff } from "../../../db/queries/users.ts";
import type { Id } from "../../../db/schema/index.ts";

// The rule above, then holds: a staff query only when a page holds someone else's held status.
async function visibleIds(db: Executor, statuses: readonly StatusRow[], viewerId: Id | null): Promise<Set<Id>> {
  const visible = await findVisibleStatusIds(db, statuses, viewerId);
  const held = statuses.filter((s) => s.held_at !== null && s.account_id !== viewerId);
  if (held.length === 0) return visible;
  const staff = viewerId !== null && ((await findActiveStaff(db, viewerId))?.role ?? "user") !== "user";
  for (const s of held) staff ? visible.add(s.id) : visible.delete(s.id);
  return visible;
}

/** Whether viewer (an account id, or null for anonymous) may see the status. */
export async function mayViewStatus(db: Executor, status: StatusRow, viewerId: Id | null): Promise<boolean> {
  return (await visibleIds(db, [status], viewerId)).has(status.id);
}

/**
 * The statuses (in their order) the viewer, an account id or null for
 * anonymous, may see: the batch form, one query for pages such as a thread's context.
 */
export async function filterVisibleStatuses(db: Executor, statuses: readonly StatusRow[], viewerId: Id | null): Promise<StatusRow[]> {
  const visible = await visibleIds(db, statuses, viewerId);
  return statuses.filter((s) => visible.has(s.id));
}
