// Queries on the blocklists the operator subscribes to.
import type { Insertable, Selectable, Updateable } from "kysely";
import type { BlocklistSubscriptionsTable, PendingBlocklistChanges } from "../schema/federation-controls.ts";
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type BlocklistSubscriptionRow = Selectable<BlocklistSubscriptionsTable>;

/** The changes waiting for review (none when nothing waits). */
export function pendingChanges(row: BlocklistSubscriptionRow): PendingBlocklistChanges {
  return row.pending ? (JSON.parse(row.pending) as PendingBlocklistChanges) : { added: [], changed: [], removed: [] };
}

/** Every subscription, oldest first. */
export function listBlocklistSubscriptions(db: Executor): Promise<BlocklistSubscriptionRow[]> {
  return db.selectFrom("blocklist_subscriptions").selectAll().orderBy("id").execute();
}

/** A subscription by id. */
export function findBlocklistSubscription(db: Executor, id: Id): Promise<BlocklistSubscriptionRow | undefined> {
  return db.selectFrom("blocklist_subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A subscription by its URL. */
export function findBlocklistSubscriptionByUrl(db: Executor, url: string): Promise<BlocklistSubscriptionRow | undefined> {
  return db.selectFrom("blocklist_subscriptions").selectAll().where("url", "=", url).executeTakeFirst();
}

/** Subscriptions never fetched or last fetched before `before`. */
export function findDueBlocklistSubscriptions(db: Executor, before: number): Promise<BlocklistSubscriptionRow[]> {
  return db
    .selectFrom("blocklist_subscriptions")
    .selectAll()
    .where((eb) => eb.or([eb("last_fetched_at", "is", null), eb("last_fetched_at", "<", before)]))
    .orderBy("id")
    .execute();
}

/** Inserts a subscription. */
export async function insertBlocklistSubscription(db: Executor, row: Insertable<BlocklistSubscriptionsTable>): Promise<void> {
  await db.insertInto("blocklist_subscriptions").values(row).execute();
}

/** Changes a subscription. */
export async function updateBlocklistSubscription(db: Executor, id: Id, changes: Updateable<BlocklistSubscriptionsTable>): Promise<void> {
  await db.updateTable("blocklist_subscriptions").set(changes).where("id", "=", id).execute();
}

/** Deletes a subscription; the blocks it made stay, as local ones. */
export async function deleteBlocklistSubscription(db: Executor, id: Id): Promise<void> {
  await db.updateTable("domain_blocks").set({ subscription_id: null }).where("subscription_id", "=", id).execute();
  await db.deleteFrom("blocklist_subscriptions").where("id", "=", id).execute();
}
