// /api/v2/search: accounts, statuses and hashtags (Mastodon docs:
// methods/search#v2). Without a token there is no status search and no
// remote lookup, as on Mastodon; with resolve=true a remote handle or URL is
// fetched over federation.
import { Hono } from "hono";
import { z } from "zod";
import { resolveHandle } from "../../../../federation/resolve/resolve-handle.ts";
import { resolveUrl } from "../../../../federation/resolve/resolve-url.ts";
import { isId } from "../../../domain/ids.ts";
import { serializeSearch } from "../../../entities/search.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { apiError } from "../errors.ts";
import { federationContext } from "../federation-context.ts";
import { scopeIfToken } from "../middleware/auth.ts";
import { flag, integer } from "../params.ts";
import { renderAccounts } from "../render-accounts.ts";
import { renderTags } from "../render-tags.ts";
import { renderStatuses } from "../render.ts";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 40;
const MAX_QUERY = 500;

const optionalId = z.string().optional().transform((v) => (v && isId(v) ? v : null));

const searchSchema = z.object({
  q: z.string().optional(),
  type: z.enum(["accounts", "statuses", "hashtags"]).optional().catch(undefined),
  resolve: flag.optional(),
  following: flag.optional(),
  account_id: optionalId,
  max_id: optionalId,
  min_id: optionalId,
  exclude_unreviewed: flag.optional(),
  limit: integer.optional().catch(undefined),
  offset: integer.optional().catch(undefined),
});

/** Search routes (API v2). */
export function searchV2Routes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", scopeIfToken("read:search"), async (c) => {
    const parsed = await parseParams(c, searchSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const q = (p.q ?? "").trim().slice(0, MAX_QUERY);
    if (!q) return apiError(c, 400, "param is missing or the value is empty: q");
    const viewerId = c.var.auth?.accountId ?? null;
    if (!viewerId && p.offset) return apiError(c, 401, "Search queries pagination is not supported without authentication");
    if (!viewerId && p.resolve) return apiError(c, 401, "Search queries that resolve remote resources are not supported without authentication");
    const ctx = federationContext(c);
    const results = await c.var.deps.services.search(
      {
        q,
        type: p.type ?? null,
        viewerId,
        resolve: p.resolve ?? false,
        following: p.following ?? false,
        accountId: p.account_id,
        maxId: p.max_id,
        minId: p.min_id,
        limit: Math.min(Math.max(p.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT),
        offset: Math.max(p.offset ?? 0, 0),
      },
      { handle: (handle) => resolveHandle(ctx, handle), url: (url) => resolveUrl(ctx, url) },
    );
    const [accounts, statuses, hashtags] = await Promise.all([
      renderAccounts(c, results.accounts),
      renderStatuses(c, results.statuses),
      renderTags(c, results.hashtags),
    ]);
    return c.json(serializeSearch(accounts, statuses, hashtags));
  });

  return routes;
}
