// Who may see a status, as SQL: the one rule behind mayViewStatus, its batch
// form and search. Public and unlisted: anyone not blocked (either way);
// private: the author, its followers and mentioned accounts; direct: the
// author and mentioned accounts. Never a status of an account moderation hides
// from the viewer (suspended; silenced and not followed).
import type { ExpressionBuilder } from "kysely";
import type { Database, Id, StatusesTable } from "../schema/index.ts";
import { blockedEitherWayIds } from "./blocks.ts";
import type { Executor } from "./executor.ts";
import { moderatedAccountIds } from "./moderated-accounts.ts";
import type { StatusRow } from "./statuses.ts";

/** Whether anyone, signed in or not, may see a status of this visibility (barring blocks). */
export function isOpenVisibility(visibility: string): boolean {
  return visibility === "public" || visibility === "unlisted";
}

/** Condition on `statuses as s`: the viewer (an account id) may see status `s`. */
export function visibleTo(db: Executor, viewerId: Id) {
  return (eb: ExpressionBuilder<Database & { s: StatusesTable }, "s">) =>
    eb.or([
      eb("s.account_id", "=", viewerId),
      eb.and([
        eb("s.account_id", "not in", blockedEitherWayIds(db, viewerId)),
        eb("s.account_id", "not in", moderatedAccountIds(db, viewerId)),
        eb.or([
          eb("s.visibility", "in", ["public", "unlisted"]),
          eb.exists(eb.selectFrom("mentions as m").select("m.status_id").whereRef("m.status_id", "=", "s.id").where("m.account_id", "=", viewerId)),
          eb.and([
            eb("s.visibility", "=", "private"),
            eb.exists(
              eb.selectFrom("follows as f").select("f.id").where("f.account_id", "=", viewerId).whereRef("f.target_account_id", "=", "s.account_id"),
            ),
          ]),
        ]),
      ]),
    ]);
}

/** The ids, of the given statuses, the viewer (an account id, or null for anonymous) may see. One query at most. */
export async function findVisibleStatusIds(db: Executor, statuses: readonly StatusRow[], viewerId: Id | null): Promise<Set<Id>> {
  const visible = new Set<Id>();
  const unsure: Id[] = [];
  for (const s of statuses) {
    if (s.account_id === viewerId) visible.add(s.id);
    // An anonymous viewer may see open statuses, unless moderation hides their author.
    else if (viewerId !== null || isOpenVisibility(s.visibility)) unsure.push(s.id);
  }
  if (unsure.length === 0) return visible;
  const rows = await db
    .selectFrom("statuses as s")
    .select("s.id")
    .where("s.id", "in", unsure)
    .where(viewerId === null ? (eb) => eb("s.account_id", "not in", moderatedAccountIds(db, null)) : visibleTo(db, viewerId))
    .execute();
  for (const r of rows) visible.add(r.id);
  return visible;
}
