// /api/v1/profile: the caller's editable profile (Mastodon 4.6), and
// removing its avatar or header. Changes go through the same service as
// update_credentials and federate as Update(Person).
import { Hono } from "hono";
import { findAccountById } from "../../../../db/queries/accounts.ts";
import { serializeProfile } from "../../../entities/profile.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { profileImagesLimit, readProfileInput, respondWithCredentials } from "./accounts-credentials.ts";

/** Profile routes. */
export function profileRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:accounts", "profile"), async (c) => {
    const account = await findAccountById(c.var.deps.db, viewerId(c));
    return account ? c.json(serializeProfile(account)) : notFound(c);
  });

  routes.patch("/", requireUser("write:accounts"), profileImagesLimit(), async (c) => {
    const input = await readProfileInput(c);
    if (!input.ok) return input.response;
    const updated = await c.var.deps.services.updateCredentials(viewerId(c), input.value);
    return updated.ok ? c.json(serializeProfile(updated.value)) : failureResponse(c, updated);
  });

  for (const [path, change] of [["avatar", { avatarUrl: null }], ["header", { headerUrl: null }]] as const) {
    routes.delete(`/${path}`, requireUser("write:accounts"), async (c) => {
      const updated = await c.var.deps.services.updateProfile(viewerId(c), change);
      return updated.ok ? respondWithCredentials(c, updated.value) : failureResponse(c, updated);
    });
  }
  return routes;
}
