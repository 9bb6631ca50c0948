// Sends one queued push: checks the subscription still wants it (alerts,
// policy, a working token), encrypts the payload for the subscriber (RFC 8291;
// the legacy aesgcm draft for non-standard subscriptions, as Mastodon), signs
// with the instance's VAPID key (RFC 8292) and POSTs it to the push service.
import webpush from "web-push";
import { findAccountById } from "../../../db/queries/accounts.ts";
import { findFollow } from "../../../db/queries/follows.ts";
import { findNotification, type NotificationRow } from "../../../db/queries/notifications.ts";
import type { PushDeliveryRow } from "../../../db/queries/push-deliveries.ts";
import { deletePushSubscription, findPushSubscriptionForDelivery, type PushSubscriptionRow } from "../../../db/queries/push-subscriptions.ts";
import { findStatusById } from "../../../db/queries/statuses.ts";
import type { Db } from "../../../db/index.ts";
import { serializePushNotification } from "../../entities/push-notification.ts";
import type { ServiceDeps } from "../context.ts";
import { assertReachableEndpoint } from "./push-endpoint.ts";
import { getVapidKeys } from "./vapid-keys.ts";

export interface PushOptions {
  /** Lets endpoints be http and private addresses: tests only. */
  allowPrivateAddress: boolean;
  /** The instance's public URL: the VAPID subject push services may contact (RFC 8292). */
  publicUrl: URL;
  timeoutMs?: number;
}

/** sent; skipped (not wanted any more); gone (subscription removed); retry (try later); failed (give up). */
export type PushOutcome = "sent" | "skipped" | "gone" | "retry" | "failed";

// Mastodon keeps pushes for two days at the push service.
const TTL_SECONDS = 48 * 3600;

// Mastodon's Web::PushSubscription#pushable?: the alert is on, and the policy lets the sender through.
async function wantsPush(db: Db, subscription: PushSubscriptionRow, notification: NotificationRow): Promise<boolean> {
  const alerts = JSON.parse(subscription.alerts) as Record<string, boolean>;
  if (alerts[notification.type] !== true) return false;
  switch (subscription.policy) {
    case "all":
      return true;
    case "followed":
      return (await findFollow(db, "follows", subscription.account_id, notification.from_account_id)) !== undefined;
    case "follower":
      return (await findFollow(db, "follows", notification.from_account_id, subscription.account_id)) !== undefined;
    default:
      return false;
  }
}

async function encryptedRequest(deps: ServiceDeps, options: PushOptions, subscription: PushSubscriptionRow, payload: string) {
  const keys = await getVapidKeys(deps.db);
  // The subject must be an https URL or a mailto: address.
  const { protocol, origin, hostname } = options.publicUrl;
  const subject = protocol === "https:" ? origin : `mailto:admin@${hostname}`;
  const details = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.key_p256dh, auth: subscription.key_auth } },
    payload,
    {
      vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
      TTL: TTL_SECONDS,
      contentEncoding: subscription.standard === 1 ? "aes128gcm" : "aesgcm",
      urgency: "normal",
    },
  );
  // fetch sets the length itself.
  const headers = Object.fromEntries(
    Object.entries(details.headers).filter(([name]) => name.toLowerCase() !== "content-length").map(([name, value]) => [name, String(value)]),
  );
  return { headers, body: new Uint8Array(details.body) };
}

/** Sends one delivery and reports how it went; removes subscriptions the push service says are gone. */
export async function deliverPush(deps: ServiceDeps, options: PushOptions, delivery: PushDeliveryRow): Promise<PushOutcome> {
  const subscription = await findPushSubscriptionForDelivery(deps.db, delivery.subscription_id);
  if (!subscription) return "skipped";
  if (!subscription.usable) {
    // Mastodon removes a token's subscriptions when the token is revoked.
    await deletePushSubscription(deps.db, subscription.id);
    return "gone";
  }
  const notification = await findNotification(deps.db, subscription.account_id, delivery.notification_id);
  if (!notification || notification.filtered === 1 || !(await wantsPush(deps.db, subscription, notification))) return "skipped";
  const from = await findAccountById(deps.db, notification.from_account_id);
  if (!from) return "skipped";
  const status = notification.status_id ? await findStatusById(deps.db, notification.status_id) : undefined;
  const payload = serializePushNotification({ uris: deps.uris }, notification, from, status, { accessToken: subscription.access_token, locale: "en" });
  const request = await encryptedRequest(deps, options, subscription, JSON.stringify(payload));
  await assertReachableEndpoint(subscription.endpoint, options.allowPrivateAddress);
  const response = await fetch(subscription.endpoint, {
    method: "POST",
    headers: request.headers,
    body: request.body,
    // A redirect could point anywhere, past the address check.
    redirect: "manual",
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  await response.body?.cancel();
  if (response.ok) return "sent";
  if (response.status === 404 || response.status === 410) {
    await deletePushSubscription(deps.db, subscription.id);
    return "gone";
  }
  return response.status === 429 || response.status >= 500 ? "retry" : "failed";
}
