// Queries on scheduled statuses: posts waiting for their time.
import type { ExpressionBuilder, Selectable } from "kysely";
import type { Database, Id, Millis } from "../schema/index.ts";
import type { ScheduledStatusesTable } from "../schema/statuses.ts";
import type { Executor } from "./executor.ts";
import type { MediaRow } from "./statuses.ts";
import { type IdRange, withinRange } from "./timelines.ts";

export type ScheduledStatusRow = Selectable<ScheduledStatusesTable>;

/** Inserts a scheduled status. */
export async function insertScheduledStatus(db: Executor, row: ScheduledStatusRow): Promise<void> {
  await db.insertInto("scheduled_statuses").values(row).execute();
}

/** An account's scheduled status by id. */
export function findScheduledStatus(db: Executor, accountId: Id, id: Id): Promise<ScheduledStatusRow | undefined> {
  return db.selectFrom("scheduled_statuses").selectAll().where("account_id", "=", accountId).where("id", "=", id).executeTakeFirst();
}

/** A scheduled status by id, whoever owns it. */
export function findScheduledStatusById(db: Executor, id: Id): Promise<ScheduledStatusRow | undefined> {
  return db.selectFrom("scheduled_statuses").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Moves a scheduled status to another time. */
export async function rescheduleStatusRow(db: Executor, id: Id, scheduledAt: Millis): Promise<void> {
  await db.updateTable("scheduled_statuses").set({ scheduled_at: scheduledAt, claimed_until: null }).where("id", "=", id).execute();
}

/** Deletes a scheduled status. */
export async function deleteScheduledStatus(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("scheduled_statuses").where("id", "=", id).execute();
}

/** How many statuses an account has scheduled in total, and for the day of `at`. */
export async function countScheduledStatuses(db: Executor, accountId: Id, dayStart: Millis): Promise<{ total: number; thatDay: number }> {
  const row = await db
    .selectFrom("scheduled_statuses")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.count<number>(
        eb.case().when(eb.and([eb("scheduled_at", ">=", dayStart), eb("scheduled_at", "<", dayStart + 86_400_000)])).then(1).end(),
      ).as("day"),
    ])
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), thatDay: Number(row.day) };
}

/** A page of an account's scheduled statuses, newest id first. */
export function pageScheduledStatuses(db: Executor, accountId: Id, range: IdRange): Promise<ScheduledStatusRow[]> {
  const query = db
    .selectFrom("scheduled_statuses")
    .selectAll()
    .where("account_id", "=", accountId);
  return withinRange(query, "id", range).execute();
}

/** Claims scheduled statuses due by `now` for leaseMs, oldest first. */
export async function claimDueScheduledStatuses(db: Executor, now: Millis, limit: number, leaseMs: number): Promise<ScheduledStatusRow[]> {
  const free = (w: ExpressionBuilder<Database, "scheduled_statuses">) =>
    w.and([w("scheduled_at", "<=", now), w.or([w("claimed_until", "is", null), w("claimed_until", "<", now)])]);
  const rows = await db
    .updateTable("scheduled_statuses")
    .set({ claimed_until: now + leaseMs })
    // Repeated outside the subquery so PostgreSQL re-checks a row another process just claimed.
    .where(free)
    .where("id", "in", (eb) => eb.selectFrom("scheduled_statuses").select("id").where(free).orderBy("scheduled_at").limit(limit))
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.scheduled_at - b.scheduled_at);
}

/** An account's own media by ids, in the order given (the attachments of a scheduled status). */
export async function findMediaOfAccount(db: Executor, accountId: Id, ids: readonly Id[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("media_attachments").selectAll().where("account_id", "=", accountId).where("id", "in", ids).execute();
  return ids.flatMap((id) => rows.find((r) => r.id === id) ?? []);
}

/** Reserves uploads for a scheduled status; false when one is already reserved by another. */
export async function reserveScheduledMedia(db: Executor, scheduledStatusId: Id, mediaIds: readonly Id[]): Promise<boolean> {
  if (mediaIds.length === 0) return true;
  const result = await db
    .insertInto("scheduled_status_media")
    .values(mediaIds.map((id) => ({ scheduled_status_id: scheduledStatusId, media_attachment_id: id })))
    .onConflict((oc) => oc.column("media_attachment_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === mediaIds.length;
}
