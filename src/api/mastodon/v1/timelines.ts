// /api/v1/timelines: the home timeline (more timelines come with their tables).
import { Hono } from "hono";
import { pageHomeTimeline } from "../../../../db/queries/timelines.ts";
import type { ApiEnv } from "../env.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { newestFirst, pageBounds, parsePage, setLinkHeader } from "../pagination.ts";
import { renderStatuses } from "../render.ts";

/** Timeline routes. */
export function timelinesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/home", requireUser("read:statuses"), async (c) => {
    const page = parsePage(c);
    const rows = newestFirst(await pageHomeTimeline(c.var.deps.db, viewerId(c), { ...pageBounds(page), limit: page.limit }), page);
    setLinkHeader(c, rows, (r) => r.id, c.var.deps.config.publicUrl.origin);
    return c.json(await renderStatuses(c, rows));
  });
  return routes;
}
