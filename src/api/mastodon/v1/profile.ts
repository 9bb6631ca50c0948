// /api/v1/profile/avatar and /header: removing the caller's profile images
// (federated as Update(Person) by updateProfile).
import { Hono } from "hono";
import type { ApiEnv } from "../env.ts";
import { failureResponse } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { respondWithCredentials } from "./accounts-credentials.ts";

/** Profile image routes. */
export function profileRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  for (const [path, change] of [["avatar", { avatarUrl: null }], ["header", { headerUrl: null }]] as const) {
    routes.delete(`/${path}`, requireUser("write:accounts"), async (c) => {
      const updated = await c.var.deps.services.updateProfile(viewerId(c), change);
      return updated.ok ? respondWithCredentials(c, updated.value) : failureResponse(c, updated);
    });
  }
  return routes;
}
