// /api/v1/trends: hashtags, statuses and links trending on this server over
// the last days (Mastodon docs: methods/trends). Public; offset paging with
// a Link header to the next page, as Mastodon pages trends.
import { type Context, Hono } from "hono";
import { listTrendingStatuses, listTrendingTags } from "../../../../db/queries/trends.ts";
import { serializeTrendsLink } from "../../../entities/trends-link.ts";
import type { ApiEnv } from "../env.ts";
import { renderTags } from "../render-tags.ts";
import { renderStatuses } from "../render.ts";

const DAY_MS = 86_400_000;
/** How far back trends look. */
export const TREND_DAYS = 7;

/** limit (clamped to [1, max]) and offset from the query string. */
function offsetPage(c: Context<ApiEnv>, defaultLimit: number, maxLimit: number): { limit: number; offset: number } {
  const number = (name: string) => Number.parseInt(c.req.query(name) ?? "", 10);
  const limit = Number.isFinite(number("limit")) ? Math.min(Math.max(number("limit"), 1), maxLimit) : defaultLimit;
  const offset = Number.isFinite(number("offset")) ? Math.max(number("offset"), 0) : 0;
  return { limit, offset };
}

/** Sets Link: next when the page is full (there may be more). */
function setOffsetLink(c: Context<ApiEnv>, page: { limit: number; offset: number }, count: number): void {
  if (count < page.limit) return;
  const url = new URL(c.req.path, c.var.deps.config.publicUrl.origin);
  url.searchParams.set("limit", String(page.limit));
  url.searchParams.set("offset", String(page.offset + count));
  c.header("Link", `<${url.href}>; rel="next"`);
}

/** Trends routes. */
export function trendsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const since = () => Date.now() - TREND_DAYS * DAY_MS;

  const tags = async (c: Context<ApiEnv>) => {
    const page = offsetPage(c, 10, 20);
    const rows = await listTrendingTags(c.var.deps.db, since(), page.limit, page.offset);
    setOffsetLink(c, page, rows.length);
    return c.json(await renderTags(c, rows));
  };
  routes.get("/tags", tags);
  // GET /api/v1/trends is the deprecated name of /api/v1/trends/tags (Mastodon 3.5).
  routes.get("/", tags);

  routes.get("/statuses", async (c) => {
    const page = offsetPage(c, 20, 40);
    const rows = await listTrendingStatuses(c.var.deps.db, since(), c.var.auth?.accountId ?? null, page.limit, page.offset);
    setOffsetLink(c, page, rows.length);
    return c.json(await renderStatuses(c, rows, "public"));
  });

  routes.get("/links", async (c) => {
    const page = offsetPage(c, 10, 20);
    const links = await c.var.deps.services.listTrendingLinks({ days: TREND_DAYS, ...page });
    setOffsetLink(c, page, links.length);
    return c.json(links.map(serializeTrendsLink));
  });

  return routes;
}
