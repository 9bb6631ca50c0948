// Queries on notifications: writing, paging with Mastodon's filters, unread
// counts relative to a marker.
import { type ExpressionBuilder, type Insertable, type Selectable, sql } from "kysely";
import type { Database, Id, Millis, NotificationsTable, NotificationType } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { IdRange } from "./timelines.ts";

export type NotificationRow = Selectable<NotificationsTable>;

/** What a notification listing keeps: Mastodon's types[], exclude_types[], account_id, include_filtered. */
export interface NotificationFilter {
  types?: readonly string[] | undefined;
  excludeTypes?: readonly string[] | undefined;
  fromAccountId?: Id | undefined;
  includeFiltered?: boolean | undefined;
  /** Only the notifications of one group. */
  groupKey?: string | undefined;
}

/** The group key of a row; rows older than grouping count as ungrouped. */
export const groupKeyExpression = sql<string>`coalesce(group_key, 'ungrouped-' || cast(id as text))`;

/** The conditions of an account's notifications under a filter. */
export function notificationConditions(eb: ExpressionBuilder<Database, "notifications">, accountId: Id, filter: NotificationFilter) {
  // Nothing from a suspended account is shown, while its data waits to be purged or restored.
  const conditions = [eb("account_id", "=", accountId), eb("from_account_id", "not in", eb.selectFrom("accounts").select("id").where("suspended_at", "is not", null))];
  if (filter.types?.length) conditions.push(eb("type", "in", filter.types as NotificationType[]));
  if (filter.excludeTypes?.length) conditions.push(eb("type", "not in", filter.excludeTypes as NotificationType[]));
  if (filter.fromAccountId) conditions.push(eb("from_account_id", "=", filter.fromAccountId));
  if (!filter.includeFiltered) conditions.push(eb("filtered", "=", 0));
  if (filter.groupKey) conditions.push(eb(groupKeyExpression, "=", filter.groupKey));
  return eb.and(conditions);
}

/** Inserts a notification. */
export async function insertNotification(db: Executor, row: Insertable<NotificationsTable>): Promise<void> {
  await db.insertInto("notifications").values(row).execute();
}

/** Removes the notifications a since-undone action caused (unfavourite, unfollow...). */
export async function deleteNotificationsOf(
  db: Executor,
  where: { type: NotificationType; fromAccountId: Id; accountId?: Id; statusId?: Id },
): Promise<void> {
  let query = db.deleteFrom("notifications").where("type", "=", where.type).where("from_account_id", "=", where.fromAccountId);
  if (where.accountId) query = query.where("account_id", "=", where.accountId);
  if (where.statusId) query = query.where("status_id", "=", where.statusId);
  await query.execute();
}

/** A page of an account's notifications (keyset on id). */
export function pageNotifications(db: Executor, accountId: Id, filter: NotificationFilter, range: IdRange): Promise<NotificationRow[]> {
  let query = db
    .selectFrom("notifications")
    .selectAll()
    .where((eb) => notificationConditions(eb, accountId, filter))
    .orderBy("id", range.ascending ? "asc" : "desc")
    .limit(range.limit);
  if (range.lower) query = query.where("id", ">", range.lower);
  if (range.upper) query = query.where("id", "<", range.upper);
  return query.execute();
}

/** One notification of an account (filtered ones included). */
export function findNotification(db: Executor, accountId: Id, id: Id): Promise<NotificationRow | undefined> {
  return db.selectFrom("notifications").selectAll().where("account_id", "=", accountId).where("id", "=", id).executeTakeFirst();
}

/** Deletes notifications of an account: one by id, a group by key, or all. */
export async function deleteNotifications(db: Executor, accountId: Id, which: { id?: Id; groupKey?: string } = {}): Promise<number> {
  let query = db.deleteFrom("notifications").where("account_id", "=", accountId);
  if (which.id) query = query.where("id", "=", which.id);
  if (which.groupKey) query = query.where(groupKeyExpression, "=", which.groupKey);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Number of notifications newer than afterId under a filter, capped at `cap` (Mastodon caps it too). */
export async function countNotificationsAfter(db: Executor, accountId: Id, afterId: Id | null, filter: NotificationFilter, cap: number): Promise<number> {
  let inner = db.selectFrom("notifications").select("id").where((eb) => notificationConditions(eb, accountId, filter)).limit(cap);
  if (afterId) inner = inner.where("id", ">", afterId);
  const row = await db.selectFrom(inner.as("n")).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The key of the latest same-kind notification since a time, to join its group (Mastodon groups for 12 hours). */
export async function findRecentGroupKey(
  db: Executor,
  where: { accountId: Id; type: NotificationType; statusId: Id | null; since: Millis },
): Promise<string | null> {
  let query = db
    .selectFrom("notifications")
    .select("group_key")
    .where("account_id", "=", where.accountId)
    .where("type", "=", where.type)
    .where("created_at", ">=", where.since)
    .where("group_key", "is not", null)
    .orderBy("id", "desc")
    .limit(1);
  query = where.statusId ? query.where("status_id", "=", where.statusId) : query.where("status_id", "is", null);
  const row = await query.executeTakeFirst();
  return row?.group_key ?? null;
}

/** Lets filtered notifications from a sender through (an accepted request). */
export async function unfilterNotificationsFrom(db: Executor, accountId: Id, fromAccountId: Id): Promise<void> {
  await db.updateTable("notifications").set({ filtered: 0 }).where("account_id", "=", accountId).where("from_account_id", "=", fromAccountId).execute();
}

/** Deletes the filtered notifications from a sender (a dismissed request). */
export async function deleteFilteredNotificationsFrom(db: Executor, accountId: Id, fromAccountId: Id): Promise<void> {
  await db
    .deleteFrom("notifications")
    .where("account_id", "=", accountId)
    .where("from_account_id", "=", fromAccountId)
    .where("filtered", "=", 1)
    .execute();
}
