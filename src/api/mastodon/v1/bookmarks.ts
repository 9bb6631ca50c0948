// /api/v1/bookmarks: the signed-in user's bookmarked statuses, paged by bookmark.
import { Hono } from "hono";
import { pageBookmarkedStatuses } from "../../../../db/queries/bookmarks.ts";
import type { ApiEnv } from "../env.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { readKeysetPage } from "../pagination.ts";
import { renderStatuses } from "../render.ts";

/** Bookmark routes. */
export function bookmarksRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:bookmarks"), async (c) => {
    const rows = await readKeysetPage(c, (range) => pageBookmarkedStatuses(c.var.deps.db, viewerId(c), range), (r) => r.cursor_id);
    return c.json(await renderStatuses(c, rows));
  });
  return routes;
}
