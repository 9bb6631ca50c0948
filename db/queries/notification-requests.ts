// Queries on the notification policy, filtered-notification requests and the
// senders a recipient accepted.
import type { Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { NotificationPoliciesTable, NotificationRequestsTable } from "../schema/timelines.ts";
import type { Executor } from "./executor.ts";
import type { IdRange } from "./timelines.ts";

export type NotificationPolicyRow = Selectable<NotificationPoliciesTable>;
export type NotificationRequestRow = Selectable<NotificationRequestsTable> & { notifications_count: number };

/** The stored policy of an account, if it ever changed it. */
export function findNotificationPolicy(db: Executor, accountId: Id): Promise<NotificationPolicyRow | undefined> {
  return db.selectFrom("notification_policies").selectAll().where("account_id", "=", accountId).executeTakeFirst();
}

/** Writes an account's whole policy. */
export async function upsertNotificationPolicy(db: Executor, row: NotificationPolicyRow): Promise<void> {
  const { account_id: _, ...changes } = row;
  await db.insertInto("notification_policies").values(row).onConflict((oc) => oc.column("account_id").doUpdateSet(changes)).execute();
}

/** Whether the recipient accepted notifications from the sender. */
export async function hasNotificationPermission(db: Executor, accountId: Id, fromAccountId: Id): Promise<boolean> {
  const row = await db
    .selectFrom("notification_permissions")
    .select("account_id")
    .where("account_id", "=", accountId)
    .where("from_account_id", "=", fromAccountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records that the recipient accepts the sender's notifications from now on. */
export async function insertNotificationPermission(db: Executor, accountId: Id, fromAccountId: Id): Promise<void> {
  await db
    .insertInto("notification_permissions")
    .values({ account_id: accountId, from_account_id: fromAccountId, created_at: Date.now() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Opens or refreshes the request of a sender to a recipient. */
export async function upsertNotificationRequest(db: Executor, row: Selectable<NotificationRequestsTable>): Promise<void> {
  await db
    .insertInto("notification_requests")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["account_id", "from_account_id"]).doUpdateSet((eb) => ({
        last_status_id: eb.fn.coalesce(eb.ref("excluded.last_status_id"), eb.ref("notification_requests.last_status_id")),
        updated_at: eb.ref("excluded.updated_at"),
      }))
    )
    .execute();
}

function requestsWithCounts(db: Executor, accountId: Id) {
  return db
    .selectFrom("notification_requests as r")
    .selectAll("r")
    .select((eb) =>
      eb
        .selectFrom("notifications as n")
        .select(eb.fn.countAll<number>().as("c"))
        .whereRef("n.account_id", "=", "r.account_id")
        .whereRef("n.from_account_id", "=", "r.from_account_id")
        .where("n.filtered", "=", 1)
        .as("notifications_count")
    )
    .where("r.account_id", "=", accountId);
}

/** A page of an account's pending requests, newest first, with their filtered counts. */
export async function pageNotificationRequests(db: Executor, accountId: Id, range: IdRange): Promise<NotificationRequestRow[]> {
  let query = requestsWithCounts(db, accountId).orderBy("r.id", range.ascending ? "asc" : "desc").limit(range.limit);
  if (range.lower) query = query.where("r.id", ">", range.lower);
  if (range.upper) query = query.where("r.id", "<", range.upper);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, notifications_count: Number(r.notifications_count ?? 0) }));
}

/** Requests of an account by ids (unknown or foreign ids are left out). */
export async function findNotificationRequests(db: Executor, accountId: Id, ids: readonly Id[]): Promise<NotificationRequestRow[]> {
  if (ids.length === 0) return [];
  const rows = await requestsWithCounts(db, accountId).where("r.id", "in", ids).execute();
  return rows.map((r) => ({ ...r, notifications_count: Number(r.notifications_count ?? 0) }));
}

/** Deletes requests of an account by ids. */
export async function deleteNotificationRequests(db: Executor, accountId: Id, ids: readonly Id[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("notification_requests").where("account_id", "=", accountId).where("id", "in", ids).execute();
}

/** Totals for the policy's summary: filtered notifications and requests (capped as Mastodon does). */
export async function summarizeFiltered(db: Executor, accountId: Id): Promise<{ notifications: number; requests: number }> {
  const [notifications, requests] = await Promise.all([
    db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("account_id", "=", accountId)
      .where("filtered", "=", 1)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom(db.selectFrom("notification_requests").select("id").where("account_id", "=", accountId).limit(100).as("r"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { notifications: Number(notifications.n), requests: Number(requests.n) };
}
