// Queries on the domains a user blocks.
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { IdRange } from "./timelines.ts";

/** Whether the account blocks the domain. */
export async function isDomainBlockedBy(db: Executor, accountId: Id, domain: string): Promise<boolean> {
  const row = await db.selectFrom("account_domain_blocks").select("id").where("account_id", "=", accountId).where("domain", "=", domain).executeTakeFirst();
  return row !== undefined;
}

/** Blocks a domain for an account; returns false when it was blocked already. */
export async function insertDomainBlock(db: Executor, row: { id: Id; account_id: Id; domain: string; created_at: number }): Promise<boolean> {
  const result = await db
    .insertInto("account_domain_blocks")
    .values(row)
    .onConflict((oc) => oc.columns(["account_id", "domain"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Lifts a domain block. */
export async function deleteDomainBlock(db: Executor, accountId: Id, domain: string): Promise<void> {
  await db.deleteFrom("account_domain_blocks").where("account_id", "=", accountId).where("domain", "=", domain).execute();
}

/** A page of an account's blocked domains, keyed by block id. */
export function pageDomainBlocks(db: Executor, accountId: Id, range: IdRange): Promise<{ id: Id; domain: string }[]> {
  let query = db
    .selectFrom("account_domain_blocks")
    .select(["id", "domain"])
    .where("account_id", "=", accountId)
    .orderBy("id", range.ascending ? "asc" : "desc")
    .limit(range.limit);
  if (range.lower) query = query.where("id", ">", range.lower);
  if (range.upper) query = query.where("id", "<", range.upper);
  return query.execute();
}

/** Accounts of a domain that follow (or asked to follow) the account, and those it follows (or asked to). */
export async function findDomainRelations(db: Executor, accountId: Id, domain: string): Promise<{ followers: Id[]; following: Id[] }> {
  const ofDomain = db.selectFrom("accounts").select("id").where("domain", "=", domain);
  const side = (table: "follows" | "follow_requests") =>
    db
      .selectFrom(table)
      .select(["account_id", "target_account_id"])
      .where((eb) =>
        eb.or([
          eb.and([eb("target_account_id", "=", accountId), eb("account_id", "in", ofDomain)]),
          eb.and([eb("account_id", "=", accountId), eb("target_account_id", "in", ofDomain)]),
        ])
      );
  const rows = await side("follows").unionAll(side("follow_requests")).execute();
  return {
    followers: [...new Set(rows.filter((r) => r.target_account_id === accountId).map((r) => r.account_id))],
    following: [...new Set(rows.filter((r) => r.account_id === accountId).map((r) => r.target_account_id))],
  };
}

/** Deletes an account's notifications caused by accounts of a domain. */
export async function deleteNotificationsFromDomain(db: Executor, accountId: Id, domain: string): Promise<void> {
  await db
    .deleteFrom("notifications")
    .where("account_id", "=", accountId)
    .where("from_account_id", "in", db.selectFrom("accounts").select("id").where("domain", "=", domain))
    .execute();
}
