// /api/v1/notifications: the signed-in user's notifications, one by one.
import { Hono } from "hono";
import { countNotificationsAfter, findNotification, type NotificationRow, pageNotifications } from "../../../../db/queries/notifications.ts";
import { loadRelatedPage } from "../../../../db/queries/related-page.ts";
import { serializeNotification, serializeNotifications } from "../../../entities/notification.ts";
import { isId } from "../../../domain/ids.ts";
import { reportIdOfGroupKey } from "../../../domain/report-notifications.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { notificationFilter, unreadWindow } from "../notification-params.ts";
import { readKeysetPage } from "../pagination.ts";

function loadFor(db: Parameters<typeof loadRelatedPage>[0], rows: readonly NotificationRow[], viewer: string) {
  const reportIds = rows.map((r) => reportIdOfGroupKey(r.group_key));
  return loadRelatedPage(db, rows.map((r) => r.from_account_id), rows.map((r) => r.status_id), viewer, "notifications", rows.map((r) => r.account_warning_id), reportIds);
}

/** Notification routes (API v1). */
export function notificationsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:notifications"), async (c) => {
    const me = viewerId(c);
    const rows = await readKeysetPage(c, (range) => pageNotifications(c.var.deps.db, me, notificationFilter(c), range), (r) => r.id, { defaultLimit: 40, maxLimit: 80 });
    return c.json(serializeNotifications(entityContext(c), await loadFor(c.var.deps.db, rows, me), rows));
  });

  routes.get("/unread_count", requireUser("read:notifications"), async (c) => {
    const me = viewerId(c);
    const { afterId, cap } = await unreadWindow(c, me);
    return c.json({ count: await countNotificationsAfter(c.var.deps.db, me, afterId, notificationFilter(c), cap) });
  });

  routes.post("/clear", requireUser("write:notifications"), async (c) => {
    const cleared = await c.var.deps.services.clearNotifications(viewerId(c));
    return cleared.ok ? c.json({}) : failureResponse(c, cleared);
  });

  routes.get("/:id", requireUser("read:notifications"), async (c) => {
    const me = viewerId(c);
    const id = c.req.param("id");
    const row = isId(id) ? await findNotification(c.var.deps.db, me, id) : undefined;
    const entity = row ? serializeNotification(entityContext(c), await loadFor(c.var.deps.db, [row], me), row) : null;
    return entity ? c.json(entity) : notFound(c);
  });

  routes.post("/:id/dismiss", requireUser("write:notifications"), async (c) => {
    const id = c.req.param("id");
    if (!isId(id)) return notFound(c);
    const dismissed = await c.var.deps.services.dismissNotifications({ accountId: viewerId(c), id });
    return dismissed.ok ? c.json({}) : failureResponse(c, dismissed);
  });

  return routes;
}
