// /api/v1/custom_emojis: the instance's own custom emoji (public).
import { Hono } from "hono";
import { listLocalEmojis } from "../../../../db/queries/custom-emojis.ts";
import { serializeCustomEmoji } from "../../../entities/custom-emoji.ts";
import type { ApiEnv } from "../env.ts";

/** Custom emoji routes. */
export function customEmojisRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", async (c) => c.json((await listLocalEmojis(c.var.deps.db)).map(serializeCustomEmoji)));
  return routes;
}
