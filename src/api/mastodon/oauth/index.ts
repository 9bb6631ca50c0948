// The OAuth 2 server under /oauth and its metadata under /.well-known. None
// of these routes take a bearer token except userinfo, which checks its own.
import { Hono } from "hono";
import type { ApiEnv } from "../env.ts";
import { authorizeRoutes } from "./authorize.ts";
import { metadataRoutes } from "./metadata.ts";
import { tokenRoutes } from "./token.ts";
import { userinfoRoutes } from "./userinfo.ts";

/** All OAuth routes, mounted at the root. */
export function oauthRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.route("/", authorizeRoutes());
  routes.route("/", tokenRoutes());
  routes.route("/", userinfoRoutes());
  routes.route("/", metadataRoutes());
  return routes;
}
