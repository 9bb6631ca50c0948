// Pages of the accounts on the other end of a relation (followers, follows,
// requests, blocks, mutes, endorsements), keyed by the relation row's id as
// Mastodon pages them, with the accounts in the same query.
import { sql } from "kysely";
import type { Id, Millis } from "../schema/index.ts";
import type { AccountRow } from "./accounts.ts";
import type { Executor } from "./executor.ts";
import { muteInForce } from "./mutes.ts";
import type { IdRange } from "./timelines.ts";

export type RelatedList = "followers" | "following" | "follow_requests" | "blocks" | "mutes" | "endorsements";

const LISTS: Record<RelatedList, { table: "follows" | "follow_requests" | "blocks" | "mutes" | "account_pins"; owner: "account_id" | "target_account_id" }> = {
  followers: { table: "follows", owner: "target_account_id" },
  following: { table: "follows", owner: "account_id" },
  follow_requests: { table: "follow_requests", owner: "target_account_id" },
  blocks: { table: "blocks", owner: "account_id" },
  mutes: { table: "mutes", owner: "account_id" },
  endorsements: { table: "account_pins", owner: "account_id" },
};

export interface RelatedAccount {
  /** The relation row's id: the paging cursor. */
  cursor: Id;
  account: AccountRow;
  /** When a mute ends (mutes only). */
  expiresAt: Millis | null;
}

/** One page of a relation list of ownerId, newest relation first (or ascending for min_id). */
export async function pageRelatedAccounts(db: Executor, list: RelatedList, ownerId: Id, range: IdRange): Promise<RelatedAccount[]> {
  const { table, owner } = LISTS[list];
  const other = owner === "account_id" ? "target_account_id" : "account_id";
  // The five tables share the columns used here; Kysely is told about one of them.
  let query = db
    .selectFrom(`${table} as r` as "follows as r")
    .innerJoin("accounts", "accounts.id", `r.${other}`)
    .selectAll("accounts")
    .select("r.id as relation_id")
    .select(table === "mutes" ? sql<Millis | null>`r.expires_at`.as("relation_expires_at") : sql<null>`null`.as("relation_expires_at"))
    .where(`r.${owner}`, "=", ownerId)
    .where("accounts.deleted_at", "is", null)
    .where("accounts.suspended_at", "is", null)
    .orderBy("r.id", range.ascending ? "asc" : "desc")
    .limit(range.limit);
  if (table === "mutes") query = query.where(muteInForce("r.expires_at"));
  if (range.lower) query = query.where("r.id", ">", range.lower);
  if (range.upper) query = query.where("r.id", "<", range.upper);
  const rows = await query.execute();
  return rows.map(({ relation_id, relation_expires_at, ...account }) => ({ cursor: relation_id, account, expiresAt: relation_expires_at }));
}

/** Every account with a pending follow request to target. */
export async function findRequesterIds(db: Executor, targetId: Id): Promise<Id[]> {
  const rows = await db.selectFrom("follow_requests").select("account_id").where("target_account_id", "=", targetId).execute();
  return rows.map((r) => r.account_id);
}
