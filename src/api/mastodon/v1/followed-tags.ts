// /api/v1/followed_tags: the hashtags the caller follows, paged by follow.
import { Hono } from "hono";
import { pageFollowedTags } from "../../../../db/queries/tag-follows.ts";
import type { ApiEnv } from "../env.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { readKeysetPage } from "../pagination.ts";
import { renderTags } from "../render-tags.ts";

/** Followed tag routes. */
export function followedTagsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:follows"), async (c) => {
    // Mastodon's FollowedTagsController: 100 by default, 200 at most.
    const rows = await readKeysetPage(c, (range) => pageFollowedTags(c.var.deps.db, viewerId(c), range), (r) => r.cursor, { defaultLimit: 100, maxLimit: 200 });
    return c.json(await renderTags(c, rows));
  });
  return routes;
}
