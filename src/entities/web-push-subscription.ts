// Push subscriptions as Mastodon's WebPushSubscription entity.
import type { PushSubscriptionRow } from "../../db/queries/push-subscriptions.ts";

/** The alert types a subscription can ask for (Mastodon 4.x, data[alerts][...]). */
export const PUSH_ALERT_TYPES = [
  "mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update", "admin.sign_up", "admin.report",
] as const;

export interface WebPushSubscriptionEntity {
  id: string;
  endpoint: string;
  standard: boolean;
  alerts: Record<(typeof PUSH_ALERT_TYPES)[number], boolean>;
  policy: string;
  server_key: string;
}

/** Serializes a subscription; every alert type is listed, false unless asked for. */
export function serializeWebPushSubscription(row: PushSubscriptionRow, serverKey: string): WebPushSubscriptionEntity {
  const asked = JSON.parse(row.alerts) as Record<string, boolean>;
  return {
    id: row.id,
    endpoint: row.endpoint,
    standard: row.standard === 1,
    alerts: Object.fromEntries(PUSH_ALERT_TYPES.map((type) => [type, asked[type] === true])) as WebPushSubscriptionEntity["alerts"],
    policy: row.policy,
    server_key: serverKey,
  };
}
