// /api/v1/favourites: the signed-in user's favourited statuses, paged by favourite.
import { Hono } from "hono";
import { pageFavouritedStatuses } from "../../../../db/queries/favourites.ts";
import type { ApiEnv } from "../env.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { newestFirst, pageBounds, parsePage, setLinkHeader } from "../pagination.ts";
import { renderStatuses } from "../render.ts";

/** Favourite routes. */
export function favouritesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:favourites"), async (c) => {
    const page = parsePage(c);
    const rows = newestFirst(await pageFavouritedStatuses(c.var.deps.db, viewerId(c), { ...pageBounds(page), limit: page.limit }), page);
    setLinkHeader(c, rows, (r) => r.cursor_id, c.var.deps.config.publicUrl.origin);
    return c.json(await renderStatuses(c, rows));
  });
  return routes;
}
