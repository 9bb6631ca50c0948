// Web Push subscriptions, one per access token (Mastodon's
// Api::V1::Push::SubscriptionsController): subscribing replaces the token's
// previous subscription, updating changes only which alerts it wants.
import { createECDH } from "node:crypto";
import {
  deletePushSubscriptionOfToken,
  findPushSubscriptionOfToken,
  type PushSubscriptionRow,
  replacePushSubscription,
  updatePushSubscriptionData,
} from "../../../db/queries/push-subscriptions.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { PushPolicy } from "../../../db/schema/push.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { isAcceptableEndpoint } from "./push-endpoint.ts";

/** What a subscription pushes: alert types and whose notifications. */
export interface PushData {
  alerts: Record<string, boolean>;
  policy: PushPolicy;
}

export interface NewPushSubscription extends PushData {
  accountId: Id;
  accessTokenId: Id;
  /** The bearer string of that token: Mastodon's payloads carry it. */
  accessToken: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  /** RFC 8291 aes128gcm when true, the legacy aesgcm draft otherwise (Mastodon's default). */
  standard: boolean;
  /** Whether http and private endpoints are allowed (tests). */
  allowPrivateAddress: boolean;
}

// Keys come as base64 or base64url, padded or not; stored as unpadded base64url.
function decodeKey(value: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return null;
  return Buffer.from(value.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_"), "base64url");
}

// The client's key must be a point on P-256, or encryption fails at every delivery.
function isP256Point(key: Buffer): boolean {
  if (key.length !== 65 || key[0] !== 4) return false;
  try {
    const probe = createECDH("prime256v1");
    probe.setPrivateKey(Buffer.alloc(32, 1));
    probe.computeSecret(key);
    return true;
  } catch {
    return false;
  }
}

/** Subscribes the token (replacing its subscription) after checking the endpoint and keys. */
export async function subscribeToPush(deps: ServiceDeps, input: NewPushSubscription): Promise<Result<PushSubscriptionRow>> {
  if (!isAcceptableEndpoint(input.endpoint, input.allowPrivateAddress)) return fail("validation", "Validation failed: Endpoint is not a valid https URL");
  const p256dh = decodeKey(input.p256dh);
  const auth = decodeKey(input.auth);
  if (!p256dh || !isP256Point(p256dh)) return fail("validation", "Validation failed: Key p256dh is not a valid P-256 public key");
  if (!auth || auth.length !== 16) return fail("validation", "Validation failed: Key auth must be 16 bytes");
  const now = Date.now();
  const row: PushSubscriptionRow = {
    id: deps.ids.next(),
    access_token_id: input.accessTokenId,
    account_id: input.accountId,
    endpoint: input.endpoint,
    key_p256dh: p256dh.toString("base64url"),
    key_auth: auth.toString("base64url"),
    standard: input.standard ? 1 : 0,
    alerts: JSON.stringify(input.alerts),
    policy: input.policy,
    access_token: input.accessToken,
    created_at: now,
    updated_at: now,
  };
  await writeTransaction(deps, (tx) => replacePushSubscription(tx, row));
  return ok(row);
}

/** Changes the alerts and policy of the token's subscription. */
export async function updatePushSubscription(deps: ServiceDeps, input: PushData & { accessTokenId: Id }): Promise<Result<PushSubscriptionRow>> {
  const existing = await findPushSubscriptionOfToken(deps.db, input.accessTokenId);
  if (!existing) return fail("not-found", "Record not found");
  const data = { alerts: JSON.stringify(input.alerts), policy: input.policy, updated_at: Date.now() };
  await updatePushSubscriptionData(deps.db, existing.id, data);
  return ok({ ...existing, ...data });
}

/** Removes the token's subscription; removing none is fine (Mastodon answers {} either way). */
export async function removePushSubscription(deps: ServiceDeps, accessTokenId: Id): Promise<Result<void>> {
  await deletePushSubscriptionOfToken(deps.db, accessTokenId);
  return ok(undefined);
}
