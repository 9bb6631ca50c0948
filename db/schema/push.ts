// Row types of Web Push (migration 0009-push).
import type { Generated } from "kysely";
import type { Flag, Id, Json, Millis } from "./index.ts";

/** Who a subscription wants pushes from (Mastodon's data[policy]). */
export type PushPolicy = "all" | "followed" | "follower" | "none";

export interface VapidKeysTable {
  /** Always 1: one key pair per instance. */
  id: number;
  /** Uncompressed P-256 point, base64url (the applicationServerKey clients subscribe with). */
  public_key: string;
  /** base64url. */
  private_key: string;
  created_at: Millis;
}

export interface PushSubscriptionsTable {
  id: Id;
  access_token_id: Id;
  account_id: Id;
  endpoint: string;
  key_p256dh: string;
  key_auth: string;
  /** 1: RFC 8291 aes128gcm; 0: the legacy aesgcm draft. */
  standard: Flag;
  /** Notification type -> whether to push it. */
  alerts: Json<Record<string, boolean>>;
  policy: PushPolicy;
  /** The subscribing token, sent back in payloads as Mastodon does. */
  access_token: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface PushDeliveriesTable {
  id: Generated<number>;
  subscription_id: Id;
  notification_id: Id;
  attempts: number;
  available_at: Millis;
  /** Set while a process sends it; a stale lease is taken again. */
  locked_until: Millis | null;
  created_at: Millis;
}

export interface PushTables {
  vapid_keys: VapidKeysTable;
  push_subscriptions: PushSubscriptionsTable;
  push_deliveries: PushDeliveriesTable;
}
