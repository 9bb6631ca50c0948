// /api/v1/admin/blocklist_subscriptions: Parley's extension beside Mastodon's
// admin API. Staff who manage federation subscribe to blocklists, see what a
// fetch would change (pending: added, changed, removed), refresh a list now,
// and apply its pending changes.
import { Hono } from "hono";
import { z } from "zod";
import { findBlocklistSubscription, listBlocklistSubscriptions } from "../../../../../db/queries/blocklist-subscriptions.ts";
import { serializeBlocklistSubscription } from "../../../../entities/domain-block.ts";
import { parseParams } from "../../body.ts";
import type { ApiEnv } from "../../env.ts";
import { failureResponse, notFound } from "../../errors.ts";
import { moderatorOf, requireStaff } from "../../middleware/staff.ts";
import { flag, idParam } from "../../params.ts";

const READ = requireStaff("manage_federation", "admin:read:domain_blocks");
const WRITE = requireStaff("manage_federation", "admin:write:domain_blocks");

/** The blocklist subscription routes. */
export function adminBlocklistSubscriptionsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", READ, async (c) => c.json((await listBlocklistSubscriptions(c.var.deps.db)).map(serializeBlocklistSubscription)));

  routes.get("/:id", READ, async (c) => {
    const row = await findBlocklistSubscription(c.var.deps.db, idParam(c));
    return row ? c.json(serializeBlocklistSubscription(row)) : notFound(c);
  });

  routes.post("/", WRITE, async (c) => {
    const parsed = await parseParams(c, z.object({ url: z.string().min(1), auto_apply: flag.optional() }));
    if (!parsed.ok) return parsed.response;
    const added = await c.var.deps.services.addBlocklistSubscription(moderatorOf(c), { url: parsed.value.url, autoApply: parsed.value.auto_apply ?? false });
    return added.ok ? c.json(serializeBlocklistSubscription(added.value)) : failureResponse(c, added);
  });

  // Fetches the list now; the answer shows what applying would change.
  routes.post("/:id/refresh", WRITE, async (c) => {
    const refreshed = await c.var.deps.services.refreshBlocklistSubscription(idParam(c), { allowPrivateAddress: c.var.deps.config.allowPrivateAddress });
    if (!refreshed.ok) return failureResponse(c, refreshed);
    return c.json({ ...serializeBlocklistSubscription(refreshed.value.subscription), applied: refreshed.value.applied, skipped: refreshed.value.plan?.skipped ?? [] });
  });

  routes.post("/:id/apply", WRITE, async (c) => {
    const applied = await c.var.deps.services.applyBlocklistSubscription(moderatorOf(c), idParam(c));
    if (!applied.ok) return failureResponse(c, applied);
    const row = await findBlocklistSubscription(c.var.deps.db, idParam(c));
    return row ? c.json({ ...serializeBlocklistSubscription(row), applied: applied.value.applied }) : notFound(c);
  });

  routes.delete("/:id", WRITE, async (c) => {
    const removed = await c.var.deps.services.removeBlocklistSubscription(moderatorOf(c), idParam(c));
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });

  return routes;
}
