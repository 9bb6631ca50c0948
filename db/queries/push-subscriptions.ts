// Queries on Web Push subscriptions (one per access token) and the instance's
// VAPID key pair.
import type { Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { PushSubscriptionsTable, VapidKeysTable } from "../schema/push.ts";
import type { Executor } from "./executor.ts";

export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;
export type VapidKeysRow = Selectable<VapidKeysTable>;

/** The subscription of an access token. */
export function findPushSubscriptionOfToken(db: Executor, accessTokenId: Id): Promise<PushSubscriptionRow | undefined> {
  return db.selectFrom("push_subscriptions").selectAll().where("access_token_id", "=", accessTokenId).executeTakeFirst();
}

/** A subscription with whether its token still works (not revoked, application not revoked). */
export function findPushSubscriptionForDelivery(db: Executor, id: Id): Promise<(PushSubscriptionRow & { usable: boolean }) | undefined> {
  return db
    .selectFrom("push_subscriptions as p")
    .innerJoin("oauth_access_tokens as t", "t.id", "p.access_token_id")
    .innerJoin("oauth_applications as a", "a.id", "t.application_id")
    .selectAll("p")
    .select(["t.revoked_at as token_revoked_at", "a.revoked_at as application_revoked_at"])
    .where("p.id", "=", id)
    .executeTakeFirst()
    .then((row) => {
      if (!row) return undefined;
      const { token_revoked_at: tokenRevokedAt, application_revoked_at: applicationRevokedAt, ...subscription } = row;
      return { ...subscription, usable: tokenRevokedAt === null && applicationRevokedAt === null };
    });
}

/** Replaces the subscription of the row's access token (Mastodon keeps one per token). */
export async function replacePushSubscription(db: Executor, row: PushSubscriptionRow): Promise<void> {
  await deletePushSubscriptionOfToken(db, row.access_token_id);
  await db.insertInto("push_subscriptions").values(row).execute();
}

/** Changes what a subscription pushes. */
export async function updatePushSubscriptionData(db: Executor, id: Id, data: Pick<PushSubscriptionRow, "alerts" | "policy" | "updated_at">): Promise<void> {
  await db.updateTable("push_subscriptions").set(data).where("id", "=", id).execute();
}

/** Removes the subscription of an access token, if any. */
export async function deletePushSubscriptionOfToken(db: Executor, accessTokenId: Id): Promise<void> {
  await db.deleteFrom("push_subscriptions").where("access_token_id", "=", accessTokenId).execute();
}

/** Removes a subscription (its pending deliveries go with it). */
export async function deletePushSubscription(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("push_subscriptions").where("id", "=", id).execute();
}

/** The instance's VAPID key pair, if made yet. */
export function findVapidKeys(db: Executor): Promise<VapidKeysRow | undefined> {
  return db.selectFrom("vapid_keys").selectAll().where("id", "=", 1).executeTakeFirst();
}

/** Stores a key pair unless one exists (another process may have won the race). */
export async function insertVapidKeysIfAbsent(db: Executor, keys: { publicKey: string; privateKey: string }): Promise<void> {
  await db
    .insertInto("vapid_keys")
    .values({ id: 1, public_key: keys.publicKey, private_key: keys.privateKey, created_at: Date.now() })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}
