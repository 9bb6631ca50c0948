// Who hides whom: the accounts a viewer does not want to see (blocked either
// way, muted, on a blocked domain, or hidden by moderation), and the readers who
// do not want to see an author. Used by listings, home fan-out and notifications alike.
import type { ExpressionBuilder } from "kysely";
import type { Database, Id } from "../schema/index.ts";
import { blockedEitherWayIds } from "./blocks.ts";
import type { Executor } from "./executor.ts";
import { moderatedAccountIds, recipientsShieldedFrom } from "./moderated-accounts.ts";
import { muteInForce } from "./mutes.ts";

/** Subquery of account ids hidden from the viewer (null: anonymous, only moderation hides), for `where(id, "not in", ...)`. */
export function hiddenAccountIds(db: Executor, viewerId: Id | null) {
  if (viewerId === null) return moderatedAccountIds(db, null);
  return blockedEitherWayIds(db, viewerId)
    .union(moderatedAccountIds(db, viewerId))
    .union(db.selectFrom("mutes").select("target_account_id as id").where("account_id", "=", viewerId).where(muteInForce("expires_at")))
    .union(
      db
        .selectFrom("accounts")
        .select("id")
        .where("domain", "in", db.selectFrom("account_domain_blocks").select("domain").where("account_id", "=", viewerId)),
    );
}

/**
 * Readers who must not get a status in their home: those blocking or muting
 * one of the actors (author, boosted author) or an account the status
 * mentions, those an actor blocks, those blocking an actor's domain. One query.
 */
export async function findReadersHiding(
  db: Executor,
  involved: { actors: readonly { id: Id; domain: string | null }[]; mentionsOf: Id },
): Promise<Set<Id>> {
  const actors = [...new Set(involved.actors.map((a) => a.id))];
  const mentioned = db.selectFrom("mentions").select("account_id").where("status_id", "=", involved.mentionsOf);
  const targets = (column: "target_account_id") => (eb: ExpressionBuilder<Database, "blocks" | "mutes">) =>
    eb.or([eb(column, "in", actors), eb(column, "in", mentioned)]);
  let query = db
    .selectFrom("blocks")
    .select("account_id as id")
    .where(targets("target_account_id"))
    .union(db.selectFrom("blocks").select("target_account_id as id").where("account_id", "in", actors))
    .union(db.selectFrom("mutes").select("account_id as id").where(targets("target_account_id")).where(muteInForce("expires_at")));
  const domains = [...new Set(involved.actors.flatMap((a) => (a.domain === null ? [] : [a.domain])))];
  if (domains.length) query = query.union(db.selectFrom("account_domain_blocks").select("account_id as id").where("domain", "in", domains));
  return new Set((await query.execute()).map((r) => r.id));
}

/** Recipients (of the given ones) who get no notifications from the sender: blocks, notification mutes, domain blocks, moderation. */
export async function findRecipientsSilencing(db: Executor, senderId: Id, recipientIds: readonly Id[]): Promise<Set<Id>> {
  if (recipientIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("blocks")
    .select("account_id as id")
    .where("target_account_id", "=", senderId)
    .where("account_id", "in", recipientIds)
    .union(
      db
        .selectFrom("mutes")
        .select("account_id as id")
        .where("target_account_id", "=", senderId)
        .where("account_id", "in", recipientIds)
        .where("hide_notifications", "=", 1)
        .where(muteInForce("expires_at")),
    )
    .union(
      db
        .selectFrom("account_domain_blocks")
        .select("account_id as id")
        .where("account_id", "in", recipientIds)
        .where("domain", "=", (eb) => eb.selectFrom("accounts").select("domain").where("id", "=", senderId)),
    )
    .union(recipientsShieldedFrom(db, senderId, recipientIds))
    .execute();
  return new Set(rows.map((r) => r.id));
}
