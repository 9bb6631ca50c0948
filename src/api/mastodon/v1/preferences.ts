// /api/v1/preferences: the caller's posting (and reading) defaults.
import { Hono } from "hono";
import { findUserSettings } from "../../../../db/queries/user-settings.ts";
import { serializePreferences } from "../../../entities/preferences.ts";
import type { ApiEnv } from "../env.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";

/** Preferences routes. */
export function preferencesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:accounts"), async (c) => c.json(serializePreferences(await findUserSettings(c.var.deps.db, viewerId(c)))));
  return routes;
}
