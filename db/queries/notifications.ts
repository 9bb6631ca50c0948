// Queries on notifications.
import type { Selectable } from "kysely";
import type { Id, NotificationsTable, NotificationType } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type NotificationRow = Selectable<NotificationsTable>;

/** Inserts a notification. */
export async function insertNotification(db: Executor, row: NotificationRow): Promise<void> {
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

/** An account's notifications, newest first. */
export function listNotifications(db: Executor, accountId: Id, limit = 40): Promise<NotificationRow[]> {
  return db.selectFrom("notifications").selectAll().where("account_id", "=", accountId).orderBy("id", "desc").limit(limit).execute();
}
