// /api/v1/favourites: the signed-in user's favourited statuses, paged by favourite.
import { Hono } from "hono";
import { pageFavouritedStatuses } from "../../../../db/queries/favourites.ts";
import type { ApiEnv } from "../env.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { readKeysetPage } from "../pagination.ts";
import { renderStatuses } from "../render.ts";

/** Favourite routes. */
export function favouritesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:favourites"), async (c) => {
    const rows = await readKeysetPage(c, (range) => pageFavouritedStatuses(c.var.deps.db, viewerId(c), range), (r) => r.cursor_id);
    return c.json(await renderStatuses(c, rows));
  });
  return routes;
}
