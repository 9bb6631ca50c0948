// Queries on polls: the poll JSON of a status row, its votes, and the
// deadlines of polls whose end is still to be handled.
import type { ExpressionBuilder, Selectable } from "kysely";
import type { Database, Id, Millis, PollData } from "../schema/index.ts";
import type { PollVotesTable } from "../schema/statuses.ts";
import type { Executor } from "./executor.ts";
import type { StatusRow } from "./statuses.ts";

export type PollVoteRow = Selectable<PollVotesTable>;

/** The poll of a status row, or null when it has none. */
export function pollOf(status: Pick<StatusRow, "poll">): PollData | null {
  return JSON.parse(status.poll) as PollData | null;
}

/** Whether the poll has ended at `now`. */
export function pollExpired(poll: PollData, now = Date.now()): boolean {
  return poll.expiresAt !== null && poll.expiresAt <= now;
}

/** Rewrites the poll of a status (counts, or a remote author's new state). */
export async function updatePollData(db: Executor, statusId: Id, poll: PollData): Promise<void> {
  await db.updateTable("statuses").set({ poll: JSON.stringify(poll) }).where("id", "=", statusId).execute();
}

/**
 * Locks a status row until the transaction ends (a no-op update), so poll
 * counts are read and written by one voter at a time on PostgreSQL. SQLite
 * runs one write transaction at a time anyway.
 */
export async function lockStatusRow(db: Executor, statusId: Id): Promise<void> {
  await db.updateTable("statuses").set((eb) => ({ poll: eb.ref("poll") })).where("id", "=", statusId).execute();
}

/** The choices an account made in a poll, in option order. */
export async function findChoicesOf(db: Executor, statusId: Id, accountId: Id): Promise<number[]> {
  const rows = await db
    .selectFrom("poll_votes")
    .select("choice")
    .where("status_id", "=", statusId)
    .where("account_id", "=", accountId)
    .orderBy("choice")
    .execute();
  return rows.map((r) => r.choice);
}

/** Inserts votes. */
export async function insertPollVotes(db: Executor, rows: PollVoteRow[]): Promise<void> {
  if (rows.length) await db.insertInto("poll_votes").values(rows).execute();
}

/** Removes every vote of a poll (its options changed). */
export async function deletePollVotes(db: Executor, statusId: Id): Promise<void> {
  await db.deleteFrom("poll_votes").where("status_id", "=", statusId).execute();
}

/** Votes by id, with the voter's URI (outbound vote Notes). */
export function findPollVotesByIds(db: Executor, ids: readonly Id[]): Promise<PollVoteRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("poll_votes").selectAll().where("id", "in", ids).orderBy("choice").execute();
}

/** Local accounts that voted in a poll. */
export async function findLocalVoterIds(db: Executor, statusId: Id): Promise<Id[]> {
  const rows = await db
    .selectFrom("poll_votes as v")
    .innerJoin("accounts as a", "a.id", "v.account_id")
    .select("v.account_id")
    .distinct()
    .where("v.status_id", "=", statusId)
    .where("a.domain", "is", null)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Remote voters of a poll with their inboxes (they hear of count changes). */
export function findRemoteVoterInboxes(db: Executor, statusId: Id) {
  return db
    .selectFrom("accounts as a")
    .select(["a.uri", "a.inbox_url", "a.shared_inbox_url", "a.domain"])
    .where("a.domain", "is not", null)
    .where("a.id", "in", (eb) => eb.selectFrom("poll_votes").select("account_id").where("status_id", "=", statusId))
    .execute();
}

/** Records (or moves) the time a poll ends, so its end gets handled. */
export async function upsertPollDeadline(db: Executor, statusId: Id, expiresAt: Millis): Promise<void> {
  await db
    .insertInto("poll_deadlines")
    .values({ status_id: statusId, expires_at: expiresAt, claimed_until: null })
    .onConflict((oc) => oc.column("status_id").doUpdateSet({ expires_at: expiresAt, claimed_until: null }))
    .execute();
}

/** Forgets a poll's deadline (handled, or the poll is gone). */
export async function deletePollDeadline(db: Executor, statusId: Id): Promise<void> {
  await db.deleteFrom("poll_deadlines").where("status_id", "=", statusId).execute();
}

/** Claims polls that ended by `now` for leaseMs; returns their status ids. */
export async function claimEndedPolls(db: Executor, now: Millis, limit: number, leaseMs: number): Promise<Id[]> {
  const free = (w: ExpressionBuilder<Database, "poll_deadlines">) =>
    w.and([w("expires_at", "<=", now), w.or([w("claimed_until", "is", null), w("claimed_until", "<", now)])]);
  const rows = await db
    .updateTable("poll_deadlines")
    .set({ claimed_until: now + leaseMs })
    // Repeated outside the subquery so PostgreSQL re-checks a row another process just claimed.
    .where(free)
    .where("status_id", "in", (eb) => eb.selectFrom("poll_deadlines").select("status_id").where(free).orderBy("expires_at").limit(limit))
    .returning("status_id")
    .execute();
  return rows.map((r) => r.status_id);
}
