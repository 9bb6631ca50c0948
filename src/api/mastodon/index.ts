// The Mastodon client API: mounts each resource's router behind the
// instance's dependencies and token authentication (CORS is set in app.ts,
// before the federation, so .well-known answers carry it too).
import { Hono } from "hono";
import type { ApiDeps, ApiEnv } from "./env.ts";
import { authenticate } from "./middleware/auth.ts";
import { accountsRoutes } from "./v1/accounts.ts";
import { mediaRoutes } from "./v1/media.ts";
import { statusesRoutes } from "./v1/statuses.ts";
import { timelinesRoutes } from "./v1/timelines.ts";
import { mediaV2Routes } from "./v2/media.ts";

/** Builds the API app for one instance. */
export function mastodonApi(deps: ApiDeps): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  api.use(async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  api.use("/api/*", authenticate());
  api.route("/api/v1/accounts", accountsRoutes());
  api.route("/api/v1/statuses", statusesRoutes());
  api.route("/api/v1/timelines", timelinesRoutes());
  api.route("/api/v1/media", mediaRoutes());
  api.route("/api/v2/media", mediaV2Routes());
  api.all("/api/*", (c) => c.json({ error: "Record not found" }, 404));
  return api;
}
