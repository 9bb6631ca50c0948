// Parameters shared by the notification endpoints of API v1 and v2: the
// filters (types[], exclude_types[], account_id, include_filtered) and the
// unread count's cap and starting point (the notifications marker).
import type { Context } from "hono";
import { findMarkers } from "../../../db/queries/markers.ts";
import type { NotificationFilter } from "../../../db/queries/notifications.ts";
import type { Id } from "../../../db/schema/index.ts";
import { isId } from "../../domain/ids.ts";
import type { ApiEnv } from "./env.ts";

/** A `key[]` (or plain `key`) query parameter's values; null when absent. */
export function queryList(c: Context<ApiEnv>, key: string): string[] | null {
  const values = [...(c.req.queries(`${key}[]`) ?? []), ...(c.req.queries(key) ?? [])];
  return values.length ? values : null;
}

/** The notification filter of a request. */
export function notificationFilter(c: Context<ApiEnv>): NotificationFilter {
  const from = c.req.query("account_id");
  const include = c.req.query("include_filtered");
  return {
    types: queryList(c, "types") ?? undefined,
    excludeTypes: queryList(c, "exclude_types") ?? undefined,
    fromAccountId: from !== undefined ? (isId(from) ? from : "0") : undefined,
    includeFiltered: include !== undefined && ["true", "1", "on"].includes(include.toLowerCase()),
  };
}

/** Where unread notifications start (the notifications marker) and the count's cap (default 100, at most 1000). */
export async function unreadWindow(c: Context<ApiEnv>, accountId: Id): Promise<{ afterId: Id | null; cap: number }> {
  const [marker] = await findMarkers(c.var.deps.db, accountId, ["notifications"]);
  const raw = Number.parseInt(c.req.query("limit") ?? "", 10);
  return { afterId: marker?.last_read_id ?? null, cap: Number.isFinite(raw) ? Math.min(Math.max(raw, 1), 1000) : 100 };
}
