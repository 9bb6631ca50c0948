// /api/v2/notifications/policy: what happens to notifications from strangers,
// new accounts and unsolicited private mentions (accept, filter or drop).
import { Hono } from "hono";
import { z } from "zod";
import { summarizeFiltered } from "../../../../db/queries/notification-requests.ts";
import { serializeNotificationPolicy } from "../../../entities/notification-policy.ts";
import { policyOf } from "../../../services/notifications/notification-policy.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";

const action = z.enum(["accept", "filter", "drop"]).optional();
const policySchema = z.object({
  for_not_following: action,
  for_not_followers: action,
  for_new_accounts: action,
  for_private_mentions: action,
  for_limited_accounts: action,
});

/** Notification policy routes (API v2). */
export function notificationPolicyRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:notifications"), async (c) => {
    const me = viewerId(c);
    const [settings, summary] = await Promise.all([policyOf(c.var.deps.db, me), summarizeFiltered(c.var.deps.db, me)]);
    return c.json(serializeNotificationPolicy(settings, summary));
  });

  routes.patch("/", requireUser("write:notifications"), async (c) => {
    const parsed = await parseParams(c, policySchema);
    if (!parsed.ok) return parsed.response;
    const me = viewerId(c);
    const updated = await c.var.deps.services.updateNotificationPolicy(me, parsed.value);
    if (!updated.ok) return failureResponse(c, updated);
    return c.json(serializeNotificationPolicy(updated.value, await summarizeFiltered(c.var.deps.db, me)));
  });

  return routes;
}
