// /api/v1/mutes: the accounts the caller mutes (MutedAccount, with the
// mute's end), paged by mute. Expired mutes are not listed.
import { Hono } from "hono";
import type { ApiEnv } from "../env.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { respondWithRelatedPage } from "../render-accounts.ts";

/** Mute list routes. */
export function mutesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:mutes"), (c) => respondWithRelatedPage(c, "mutes", viewerId(c)));
  return routes;
}
