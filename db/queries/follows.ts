// Queries on follows and follow requests (both directions, local and remote).
import type { Selectable } from "kysely";
import type { FollowsTable, Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type FollowRow = Selectable<FollowsTable>;
type FollowTable = "follows" | "follow_requests";

/** The follow (or request) of follower to target, if any. */
export function findFollow(db: Executor, table: FollowTable, followerId: Id, targetId: Id): Promise<FollowRow | undefined> {
  return db
    .selectFrom(table)
    .selectAll()
    .where("account_id", "=", followerId)
    .where("target_account_id", "=", targetId)
    .executeTakeFirst();
}

/** A follow (or request) by its Follow activity URI. */
export function findFollowByUri(db: Executor, table: FollowTable, uri: string): Promise<FollowRow | undefined> {
  return db.selectFrom(table).selectAll().where("uri", "=", uri).executeTakeFirst();
}

/** Inserts a follow or a request. */
export async function insertFollow(db: Executor, table: FollowTable, row: FollowRow): Promise<void> {
  await db.insertInto(table).values(row).execute();
}

/** Deletes the follow (or request) of follower to target; returns whether one existed. */
export async function deleteFollow(db: Executor, table: FollowTable, followerId: Id, targetId: Id): Promise<boolean> {
  const result = await db
    .deleteFrom(table)
    .where("account_id", "=", followerId)
    .where("target_account_id", "=", targetId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Local accounts following the given account (home timeline fan-out). */
export async function findLocalFollowerIds(db: Executor, targetId: Id): Promise<Id[]> {
  const rows = await db
    .selectFrom("follows")
    .innerJoin("accounts", "accounts.id", "follows.account_id")
    .select("follows.account_id")
    .where("follows.target_account_id", "=", targetId)
    .where("accounts.domain", "is", null)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Whether any local account follows the given account. */
export async function hasLocalFollowers(db: Executor, targetId: Id): Promise<boolean> {
  const row = await db
    .selectFrom("follows")
    .innerJoin("accounts", "accounts.id", "follows.account_id")
    .select("follows.id")
    .where("follows.target_account_id", "=", targetId)
    .where("accounts.domain", "is", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface FollowerRecipient {
  uri: string;
  inbox_url: string;
  shared_inbox_url: string | null;
}

/** Remote followers of an account with their inboxes: where its posts are delivered. */
export function findRemoteFollowerRecipients(db: Executor, targetId: Id): Promise<FollowerRecipient[]> {
  return db
    .selectFrom("follows")
    .innerJoin("accounts", "accounts.id", "follows.account_id")
    .select(["accounts.uri", "accounts.inbox_url", "accounts.shared_inbox_url"])
    .where("follows.target_account_id", "=", targetId)
    .where("accounts.domain", "is not", null)
    .execute();
}

/** One page of the accounts following (or followed by) an account, newest first. */
export function pageFollowAccounts(
  db: Executor,
  direction: "followers" | "following",
  accountId: Id,
  options: { limit: number; beforeFollowId?: Id },
): Promise<{ follow_id: Id; uri: string; inbox_url: string; shared_inbox_url: string | null }[]> {
  const [mine, theirs] = direction === "followers"
    ? (["target_account_id", "account_id"] as const)
    : (["account_id", "target_account_id"] as const);
  let query = db
    .selectFrom("follows")
    .innerJoin("accounts", "accounts.id", `follows.${theirs}`)
    .select(["follows.id as follow_id", "accounts.uri", "accounts.inbox_url", "accounts.shared_inbox_url"])
    .where(`follows.${mine}`, "=", accountId)
    .orderBy("follows.id", "desc")
    .limit(options.limit);
  if (options.beforeFollowId) query = query.where("follows.id", "<", options.beforeFollowId);
  return query.execute();
}
