// /api/v1/featured_tags: the hashtags the caller features on their profile,
// and the ones they used lately as suggestions.
import { Hono } from "hono";
import { z } from "zod";
import { findAccountById } from "../../../../db/queries/accounts.ts";
import { listFeaturedTags, suggestFeaturedTags } from "../../../../db/queries/featured-tags.ts";
import { serializeFeaturedTag } from "../../../entities/tag.ts";
import { isId } from "../../../domain/ids.ts";
import { parseParams } from "../body.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { renderTags } from "../render-tags.ts";

const featureSchema = z.object({ name: z.string({ error: "Name can't be blank" }) });

/** Featured tag routes. */
export function featuredTagsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:accounts"), async (c) => {
    const me = (await findAccountById(c.var.deps.db, viewerId(c)))!;
    const ctx = entityContext(c);
    return c.json((await listFeaturedTags(c.var.deps.db, me.id)).map((t) => serializeFeaturedTag(ctx, me, t)));
  });

  routes.get("/suggestions", requireUser("read:accounts"), async (c) => {
    return c.json(await renderTags(c, await suggestFeaturedTags(c.var.deps.db, viewerId(c))));
  });

  routes.post("/", requireUser("write:accounts"), async (c) => {
    const parsed = await parseParams(c, featureSchema);
    if (!parsed.ok) return parsed.response;
    const me = viewerId(c);
    const done = await c.var.deps.services.featureTag({ accountId: me, name: parsed.value.name });
    if (!done.ok) return failureResponse(c, done);
    const owner = (await findAccountById(c.var.deps.db, me))!;
    const featured = (await listFeaturedTags(c.var.deps.db, me)).find((t) => t.tag_id === done.value.id);
    return featured ? c.json(serializeFeaturedTag(entityContext(c), owner, featured)) : notFound(c);
  });

  routes.delete("/:id", requireUser("write:accounts"), async (c) => {
    const id = c.req.param("id");
    if (!isId(id)) return notFound(c);
    const done = await c.var.deps.services.unfeatureTag({ accountId: viewerId(c), featuredTagId: id });
    return done.ok ? c.json({}) : failureResponse(c, done);
  });

  return routes;
}
