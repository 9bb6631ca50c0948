// /api/v2/media: the upload Mastodon clients use today. Same as v1's upload
// (src/api/mastodon/v1/media.ts): Parley processes images synchronously.
import { Hono } from "hono";
import type { ApiEnv } from "../env.ts";
import { addUploadRoute } from "../v1/media.ts";

/** Media routes (v2). */
export function mediaV2Routes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  addUploadRoute(routes);
  return routes;
}
