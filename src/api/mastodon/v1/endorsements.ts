// /api/v1/endorsements: the accounts the caller features on their profile.
import { Hono } from "hono";
import type { ApiEnv } from "../env.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { respondWithRelatedPage } from "../render-accounts.ts";

/** Endorsement list routes. */
export function endorsementsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:accounts"), (c) => respondWithRelatedPage(c, "endorsements", viewerId(c)));
  return routes;
}
