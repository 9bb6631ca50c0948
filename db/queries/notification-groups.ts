// Grouped notifications (API v2): pages of groups, their sample accounts, and
// unread group counts, each in one query over the notifications table.
import { type RawBuilder, sql } from "kysely";
import type { Id, NotificationType } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import { groupKeyExpression, type NotificationFilter, notificationConditions } from "./notifications.ts";
import type { IdRange } from "./timelines.ts";

export interface NotificationGroupRow {
  group_key: string;
  type: NotificationType;
  status_id: Id | null;
  /** The warning of a moderation_warning group (never grouped: one per group). */
  account_warning_id: Id | null;
  most_recent_id: Id;
  oldest_id: Id;
  notifications_count: number;
  latest_at: number;
}

/** The group key under grouped_types[]: types left out are shown one by one. */
function groupKeyUnder(groupedTypes: readonly string[] | null): RawBuilder<string> {
  if (groupedTypes === null) return groupKeyExpression;
  const ungrouped = sql<string>`'ungrouped-' || cast(id as text)`;
  if (groupedTypes.length === 0) return ungrouped;
  return sql<string>`case when type in (${sql.join(groupedTypes)}) then ${groupKeyExpression} else ${ungrouped} end`;
}

function keyedNotifications(db: Executor, accountId: Id, filter: NotificationFilter, groupedTypes: readonly string[] | null, range: Omit<IdRange, "limit" | "ascending">) {
  let query = db
    .selectFrom("notifications")
    .select(["id", "type", "status_id", "from_account_id", "created_at", "account_warning_id"])
    .select(groupKeyUnder(groupedTypes).as("gk"))
    .where((eb) => notificationConditions(eb, accountId, filter));
  if (range.lower) query = query.where("id", ">", range.lower);
  if (range.upper) query = query.where("id", "<", range.upper);
  return query;
}

/** A page of notification groups, ordered by their newest notification. */
export async function pageNotificationGroups(
  db: Executor,
  accountId: Id,
  filter: NotificationFilter,
  groupedTypes: readonly string[] | null,
  range: IdRange,
): Promise<NotificationGroupRow[]> {
  const query = db
    .selectFrom(keyedNotifications(db, accountId, filter, groupedTypes, range).as("n"))
    .select((eb) => [
      "n.gk as group_key",
      eb.fn.max("n.type").as("type"),
      eb.fn.max("n.status_id").as("status_id"),
      eb.fn.max("n.account_warning_id").as("account_warning_id"),
      eb.fn.max("n.id").as("most_recent_id"),
      eb.fn.min("n.id").as("oldest_id"),
      eb.fn.countAll<number>().as("notifications_count"),
      eb.fn.max("n.created_at").as("latest_at"),
    ])
    .groupBy("n.gk")
    .orderBy((eb) => eb.fn.max("n.id"), range.ascending ? "asc" : "desc")
    .limit(range.limit);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, notifications_count: Number(r.notifications_count), latest_at: Number(r.latest_at) }) as NotificationGroupRow);
}

/** For each group, its senders with their latest notification id, newest first. */
export async function findGroupSenders(
  db: Executor,
  accountId: Id,
  filter: NotificationFilter,
  groupedTypes: readonly string[] | null,
  groups: readonly NotificationGroupRow[],
): Promise<Map<string, Id[]>> {
  const senders = new Map<string, Id[]>();
  if (groups.length === 0) return senders;
  const lower = groups.reduce((min, g) => (BigInt(g.oldest_id) < BigInt(min) ? g.oldest_id : min), groups[0]!.oldest_id);
  const upper = groups.reduce((max, g) => (BigInt(g.most_recent_id) > BigInt(max) ? g.most_recent_id : max), groups[0]!.most_recent_id);
  const rows = await db
    .selectFrom(keyedNotifications(db, accountId, filter, groupedTypes, { lower: null, upper: null }).as("n"))
    .select((eb) => ["n.gk", "n.from_account_id", eb.fn.max("n.id").as("last_id")])
    .where("n.gk", "in", groups.map((g) => g.group_key))
    .where("n.id", ">=", lower)
    .where("n.id", "<=", upper)
    .groupBy(["n.gk", "n.from_account_id"])
    .execute();
  rows.sort((a, b) => (BigInt(b.last_id) > BigInt(a.last_id) ? 1 : -1));
  for (const row of rows) senders.set(row.gk, [...(senders.get(row.gk) ?? []), row.from_account_id]);
  return senders;
}

/** Number of groups with a notification newer than afterId, capped. */
export async function countGroupsAfter(
  db: Executor,
  accountId: Id,
  afterId: Id | null,
  filter: NotificationFilter,
  groupedTypes: readonly string[] | null,
  cap: number,
): Promise<number> {
  const keys = db
    .selectFrom(keyedNotifications(db, accountId, filter, groupedTypes, { lower: afterId, upper: null }).as("n"))
    .select("n.gk")
    .distinct()
    .limit(cap);
  const row = await db.selectFrom(keys.as("k")).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
