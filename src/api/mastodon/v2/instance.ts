// /api/v2/instance: the instance as Mastodon's Instance entity (public).
import { Hono } from "hono";
import { serializeInstance } from "../../../entities/instance.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { loadInstanceFacts } from "../v1/instance.ts";

/** Instance routes (API v2). */
export function instanceV2Routes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", async (c) => c.json(serializeInstance(entityContext(c), await loadInstanceFacts(c))));
  return routes;
}
