// /api/v1/push/subscription: the Web Push subscription of the calling access
// token (Mastodon docs: methods/push). Needs a user token with `push`.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findPushSubscriptionOfToken, type PushSubscriptionRow } from "../../../../db/queries/push-subscriptions.ts";
import { PUSH_ALERT_TYPES, serializeWebPushSubscription } from "../../../entities/web-push-subscription.ts";
import { getVapidPublicKey } from "../../../services/push/vapid-keys.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { bearerOf, requireUser, viewerId } from "../middleware/auth.ts";
import { parseParams } from "../body.ts";
import { flag } from "../params.ts";

const policy = z.enum(["all", "followed", "follower", "none"]);

// data[alerts][type]: only the known types are kept, each false unless given as true.
const data = z
  .object({ alerts: z.record(z.string(), flag).optional(), policy: policy.optional() })
  .optional()
  .transform((value) => ({
    alerts: Object.fromEntries(PUSH_ALERT_TYPES.map((type) => [type, value?.alerts?.[type] === true])),
    policy: value?.policy,
  }));

const createParams = z.object({
  subscription: z.object({
    endpoint: z.string().min(1).max(2048),
    keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
    standard: flag.optional(),
  }),
  data,
});

// The docs name it data[policy] and, for updates, also a top-level policy.
const updateParams = z.object({ data, policy: policy.optional() });

async function respond(c: Context<ApiEnv>, row: PushSubscriptionRow): Promise<Response> {
  return c.json(serializeWebPushSubscription(row, await getVapidPublicKey(c.var.deps.db)));
}

/** Push subscription routes. */
export function pushRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.use(requireUser("push"));

  routes.post("/subscription", async (c) => {
    const params = await parseParams(c, createParams);
    if (!params.ok) return params.response;
    const { subscription, data } = params.value;
    const created = await c.var.deps.services.subscribeToPush({
      accountId: viewerId(c),
      accessTokenId: c.var.auth!.tokenId,
      accessToken: bearerOf(c)!,
      endpoint: subscription.endpoint,
      p256dh: subscription.keys.p256dh,
      auth: subscription.keys.auth,
      standard: subscription.standard ?? false,
      alerts: data.alerts,
      policy: data.policy ?? "all",
      allowPrivateAddress: c.var.deps.config.allowPrivateAddress,
    });
    return created.ok ? respond(c, created.value) : failureResponse(c, created);
  });

  routes.get("/subscription", async (c) => {
    const row = await findPushSubscriptionOfToken(c.var.deps.db, c.var.auth!.tokenId);
    return row ? respond(c, row) : notFound(c);
  });

  routes.put("/subscription", async (c) => {
    const params = await parseParams(c, updateParams);
    if (!params.ok) return params.response;
    const updated = await c.var.deps.services.updatePushSubscription({
      accessTokenId: c.var.auth!.tokenId,
      alerts: params.value.data.alerts,
      policy: params.value.data.policy ?? params.value.policy ?? "all",
    });
    return updated.ok ? respond(c, updated.value) : failureResponse(c, updated);
  });

  routes.delete("/subscription", async (c) => {
    const removed = await c.var.deps.services.removePushSubscription(c.var.auth!.tokenId);
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });

  return routes;
}
