// /api/v1/follow_requests: who asks to follow the caller, and the answers.
// Both answers federate (Accept or Reject) through the follow services.
import { Hono } from "hono";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { findVisibleAccount, respondWithRelatedPage, respondWithRelationship } from "../render-accounts.ts";

/** Follow request routes. */
export function followRequestsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:follows"), (c) => respondWithRelatedPage(c, "follow_requests", viewerId(c)));

  for (const [path, answer] of [["authorize", "acceptFollowRequest"], ["reject", "rejectFollowRequest"]] as const) {
    routes.post(`/:id/${path}`, requireUser("write:follows"), async (c) => {
      const follower = await findVisibleAccount(c, c.req.param("id"));
      if (!follower) return notFound(c);
      const me = viewerId(c);
      const done = await c.var.deps.services[answer]({ followerId: follower.id, targetId: me, origin: "local" });
      return done.ok ? respondWithRelationship(c, me, follower.id) : failureResponse(c, done);
    });
  }
  return routes;
}
