// /api/v1/announcements: the operator's active announcements with the
// viewer's read flag and reactions; dismissing and reacting
// (Mastodon docs: methods/announcements).
import { Hono } from "hono";
import { findDismissedIds, listActiveAnnouncements, loadReactionCounts } from "../../../../db/queries/announcements.ts";
import { serializeAnnouncement } from "../../../entities/announcement.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { idParam } from "../params.ts";

/** Announcement routes. */
export function announcementsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read"), async (c) => {
    const me = viewerId(c);
    const rows = await listActiveAnnouncements(c.var.deps.db, Date.now());
    const ids = rows.map((r) => r.id);
    const [dismissed, reactions] = await Promise.all([findDismissedIds(c.var.deps.db, me, ids), loadReactionCounts(c.var.deps.db, ids, me)]);
    const ctx = entityContext(c);
    return c.json(rows.map((r) => serializeAnnouncement(ctx, r, { read: dismissed.has(r.id), reactions: reactions.get(r.id) ?? [] })));
  });

  routes.post("/:id/dismiss", requireUser("write:accounts"), async (c) => {
    const done = await c.var.deps.services.dismissAnnouncement({ accountId: viewerId(c), announcementId: idParam(c) });
    return done.ok ? c.json({}) : failureResponse(c, done);
  });

  for (const [method, act] of [["put", "addAnnouncementReaction"], ["delete", "removeAnnouncementReaction"]] as const) {
    routes[method]("/:id/reactions/:name", requireUser("write:favourites"), async (c) => {
      const done = await c.var.deps.services[act]({ accountId: viewerId(c), announcementId: idParam(c), name: c.req.param("name") });
      return done.ok ? c.json({}) : failureResponse(c, done);
    });
  }

  return routes;
}
