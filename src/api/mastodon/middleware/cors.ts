// Browser clients (Phanpy, Elk) call the API from other origins: CORS on the
// API, OAuth token and revoke, .well-known and media, as Mastodon allows.
import { cors } from "hono/cors";
import type { MiddlewareHandler } from "hono";

const CORS_PATHS = [/^\/api\//, /^\/oauth\/(token|revoke|userinfo)$/, /^\/\.well-known\//, /^\/nodeinfo\//, /^\/media\//];

/** CORS for any origin on the paths browser clients use; credentials go in the Authorization header. */
export function apiCors(): MiddlewareHandler {
  const handler = cors({
    origin: "*",
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "Accept"],
    allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    exposeHeaders: ["Link", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-Request-Id"],
    maxAge: 86400,
  });
  return async (c, next) => (CORS_PATHS.some((p) => p.test(c.req.path)) ? handler(c, next) : next());
}
