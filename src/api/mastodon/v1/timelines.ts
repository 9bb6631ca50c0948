// /api/v1/timelines: home, public, hashtag, link and list timelines. The direct
// timeline was removed in Mastodon 3.0 (use conversations): it is a 404 here too.
import { type Context, Hono } from "hono";
import { findOwnList } from "../../../../db/queries/lists.ts";
import { pageLinkTimeline, pagePublicTimeline, pageTagTimeline, type PublicTimelineFilter } from "../../../../db/queries/public-timelines.ts";
import type { StatusRow } from "../../../../db/queries/statuses.ts";
import { pageHomeTimeline, pageListTimeline } from "../../../../db/queries/timelines.ts";
import type { FilterContext } from "../../../domain/filters.ts";
import { isId } from "../../../domain/ids.ts";
import type { ApiEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { requireUser, scopeIfToken, viewerId } from "../middleware/auth.ts";
import { newestFirst, pageBounds, parsePage, type PageRequest, setLinkHeader } from "../pagination.ts";
import { renderStatuses } from "../render.ts";
import { TREND_DAYS } from "./trends.ts";

type Range = ReturnType<typeof pageBounds> & { limit: number };

/** Reads one page with the caller's paging parameters and answers it with a Link header. */
async function respondWithPage(c: Context<ApiEnv>, context: FilterContext, read: (range: Range) => Promise<StatusRow[]>) {
  const page: PageRequest = parsePage(c);
  const rows = newestFirst(await read({ ...pageBounds(page), limit: page.limit }), page);
  setLinkHeader(c, rows, (r) => r.id, c.var.deps.config.publicUrl.origin);
  return c.json(await renderStatuses(c, rows, context));
}

const truthy = (value: string | undefined) => value !== undefined && !["false", "0", "off", ""].includes(value.toLowerCase());

function publicFilter(c: Context<ApiEnv>): PublicTimelineFilter {
  return {
    viewerId: c.var.auth?.accountId ?? null,
    local: truthy(c.req.query("local")),
    remote: truthy(c.req.query("remote")),
    onlyMedia: truthy(c.req.query("only_media")),
  };
}

/** Tag names of a `key[]` (or `key`) query parameter, lowercased without '#'. */
function tagNames(c: Context<ApiEnv>, key: string): string[] {
  const values = [...(c.req.queries(`${key}[]`) ?? []), ...(c.req.queries(key) ?? [])];
  return values.map((v) => v.replace(/^#/, "").trim().toLowerCase()).filter(Boolean);
}

/** Timeline routes. */
export function timelinesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/home", requireUser("read:statuses"), (c) => respondWithPage(c, "home", (range) => pageHomeTimeline(c.var.deps.db, viewerId(c), range)));

  // Public timelines need no token, as on a Mastodon server with public previews on.
  routes.get("/public", (c) => respondWithPage(c, "public", (range) => pagePublicTimeline(c.var.deps.db, publicFilter(c), range)));

  routes.get("/tag/:hashtag", (c) => {
    const tags = {
      any: [c.req.param("hashtag").replace(/^#/, "").toLowerCase(), ...tagNames(c, "any")],
      all: tagNames(c, "all"),
      none: tagNames(c, "none"),
    };
    return respondWithPage(c, "public", (range) => pageTagTimeline(c.var.deps.db, publicFilter(c), tags, range));
  });

  // Statuses sharing a trending link (Mastodon 4.3); a link that is not trending is a 404, as there.
  routes.get("/link", scopeIfToken("read:statuses"), async (c) => {
    const card = await c.var.deps.services.findTrendingLinkCard({ url: c.req.query("url") ?? "", days: TREND_DAYS });
    if (!card) return notFound(c);
    return respondWithPage(c, "public", (range) => pageLinkTimeline(c.var.deps.db, publicFilter(c), card.id, range));
  });

  routes.get("/list/:list_id", requireUser("read:lists"), async (c) => {
    const id = c.req.param("list_id");
    const list = isId(id) ? await findOwnList(c.var.deps.db, viewerId(c), id) : undefined;
    if (!list) return notFound(c);
    return respondWithPage(c, "home", (range) => pageListTimeline(c.var.deps.db, list, range));
  });

  return routes;
}
