// /api/v1/notifications/requests: notifications the user's policy filtered,
// one request per sender, to accept or dismiss.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findNotificationRequests, type NotificationRequestRow, pageNotificationRequests } from "../../../../db/queries/notification-requests.ts";
import { loadRelatedPage } from "../../../../db/queries/related-page.ts";
import { serializeNotificationRequests } from "../../../entities/notification-policy.ts";
import { isId } from "../../../domain/ids.ts";
import { parseParams } from "../body.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { readKeysetPage } from "../pagination.ts";
import { list } from "../params.ts";

async function render(c: Context<ApiEnv>, rows: readonly NotificationRequestRow[]) {
  const related = await loadRelatedPage(c.var.deps.db, rows.map((r) => r.from_account_id), rows.map((r) => r.last_status_id), viewerId(c));
  return serializeNotificationRequests(entityContext(c), rows, related.accounts, related.statuses);
}

const idsSchema = z.object({ id: list(z.string()).optional() });

/** Notification request routes. */
export function notificationRequestsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:notifications"), async (c) => {
    const rows = await readKeysetPage(c, (range) => pageNotificationRequests(c.var.deps.db, viewerId(c), range), (r) => r.id, { defaultLimit: 40, maxLimit: 80 });
    return c.json(await render(c, rows));
  });

  // Accepted requests are merged at once, inside the accepting transaction.
  routes.get("/merged", requireUser("read:notifications"), (c) => c.json({ merged: true }));

  for (const [path, act] of [["accept", "acceptNotificationRequests"], ["dismiss", "dismissNotificationRequests"]] as const) {
    routes.post(`/${path}`, requireUser("write:notifications"), async (c) => {
      const parsed = await parseParams(c, idsSchema);
      if (!parsed.ok) return parsed.response;
      const done = await c.var.deps.services[act]({ accountId: viewerId(c), requestIds: (parsed.value.id ?? []).filter(isId) });
      return done.ok ? c.json({}) : failureResponse(c, done);
    });
    routes.post(`/:id/${path}`, requireUser("write:notifications"), async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c);
      const done = await c.var.deps.services[act]({ accountId: viewerId(c), requestIds: [id], single: true });
      return done.ok ? c.json({}) : failureResponse(c, done);
    });
  }

  routes.get("/:id", requireUser("read:notifications"), async (c) => {
    const id = c.req.param("id");
    const rows = isId(id) ? await findNotificationRequests(c.var.deps.db, viewerId(c), [id]) : [];
    const [entity] = await render(c, rows);
    return entity ? c.json(entity) : notFound(c);
  });

  return routes;
}
