// /api/v1/tags/:name: a hashtag with its recent use, and following or
// featuring it. Names are matched case-insensitively; an unknown valid name
// is answered as an unsaved tag (Mastodon does the same).
import { type Context, Hono } from "hono";
import { findTagsByNames, type TagRow } from "../../../../db/queries/tag-follows.ts";
import type { Result } from "../../../domain/result.ts";
import { parseTagName } from "../../../services/tags/tag-name.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { renderTags } from "../render-tags.ts";

async function respondWithTag(c: Context<ApiEnv>, name: string): Promise<Response> {
  const [tag] = await findTagsByNames(c.var.deps.db, [name]);
  const [entity] = await renderTags(c, [tag ?? { id: "", name: name.toLowerCase() }]);
  return c.json(entity);
}

type TagAct = (c: Context<ApiEnv>, accountId: string, name: string) => Promise<Result<TagRow | null | void>>;

/** Tag routes. */
export function tagsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/:name", async (c) => {
    const name = parseTagName(c.req.param("name"));
    return name ? respondWithTag(c, name) : notFound(c);
  });

  const acts: [string, string, TagAct][] = [
    ["follow", "write:follows", (c, accountId, name) => c.var.deps.services.followTag({ accountId, name })],
    ["unfollow", "write:follows", (c, accountId, name) => c.var.deps.services.unfollowTag({ accountId, name })],
    ["feature", "write:accounts", (c, accountId, name) => c.var.deps.services.featureTag({ accountId, name })],
    ["unfeature", "write:accounts", async (c, accountId, name) => {
      const done = await c.var.deps.services.unfeatureTag({ accountId, name });
      // Not featuring it is already the wanted state.
      return done.ok || done.kind !== "not-found" ? done : { ok: true, value: undefined };
    }],
  ];
  for (const [path, scope, act] of acts) {
    routes.post(`/:name/${path}`, requireUser(scope), async (c) => {
      const name = parseTagName(c.req.param("name"));
      if (!name) return notFound(c);
      const done = await act(c, viewerId(c), name);
      return done.ok ? respondWithTag(c, name) : failureResponse(c, done);
    });
  }
  return routes;
}
