// /api/v1/blocks: the accounts the caller blocks, paged by block.
import { Hono } from "hono";
import type { ApiEnv } from "../env.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { respondWithRelatedPage } from "../render-accounts.ts";

/** Block list routes. */
export function blocksRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:blocks"), (c) => respondWithRelatedPage(c, "blocks", viewerId(c)));
  return routes;
}
