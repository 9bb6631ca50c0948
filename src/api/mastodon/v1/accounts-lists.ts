// GET /api/v1/accounts/:id/<list>: an account's statuses, followers,
// follows, featured tags and endorsements, as the caller may see them.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findBlock } from "../../../../db/queries/blocks.ts";
import { pageAccountStatuses, type StatusesViewer } from "../../../../db/queries/account-statuses.ts";
import type { AccountRow } from "../../../../db/queries/accounts.ts";
import { listFeaturedTags } from "../../../../db/queries/featured-tags.ts";
import { findFollow } from "../../../../db/queries/follows.ts";
import { serializeFeaturedTag } from "../../../entities/tag.ts";
import { parseParams } from "../body.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { scopeIfToken } from "../middleware/auth.ts";
import { flag } from "../params.ts";
import { readKeysetPage } from "../pagination.ts";
import { findVisibleAccount, respondWithRelatedPage } from "../render-accounts.ts";
import { renderStatuses } from "../render.ts";

const statusFilters = z.object({
  pinned: flag.optional(),
  exclude_replies: flag.optional(),
  exclude_reblogs: flag.optional(),
  only_media: flag.optional(),
  tagged: z.string().optional(),
});

/** Whether the account blocks the caller: then its lists look empty to them (Mastodon does the same). */
async function blocksCaller(c: Context<ApiEnv>, account: AccountRow): Promise<boolean> {
  const me = c.var.auth?.accountId;
  return !!me && me !== account.id && (await findBlock(c.var.deps.db, account.id, me)) !== undefined;
}

async function statusesViewer(c: Context<ApiEnv>, account: AccountRow): Promise<StatusesViewer> {
  const me = c.var.auth?.accountId;
  if (!me) return { kind: "anonymous" };
  if (me === account.id) return { kind: "author" };
  return { kind: "account", id: me, following: (await findFollow(c.var.deps.db, "follows", me, account.id)) !== undefined };
}

/** Per-account list routes. */
export function accountsListsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/:id/statuses", scopeIfToken("read:statuses"), async (c) => {
    const account = await findVisibleAccount(c, c.req.param("id"));
    if (!account) return notFound(c);
    const parsed = await parseParams(c, statusFilters);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    if (await blocksCaller(c, account)) return c.json([]);
    const filters = {
      pinned: p.pinned ?? false,
      excludeReplies: p.exclude_replies ?? false,
      excludeReblogs: p.exclude_reblogs ?? false,
      onlyMedia: p.only_media ?? false,
      tagged: p.tagged?.trim().replace(/^#/, "").toLowerCase() || null,
    };
    const viewer = await statusesViewer(c, account);
    const rows = await readKeysetPage(c, (range) => pageAccountStatuses(c.var.deps.db, account.id, viewer, filters, range), (r) => r.id);
    return c.json(await renderStatuses(c, rows, "account"));
  });

  for (const list of ["followers", "following"] as const) {
    routes.get(`/:id/${list}`, scopeIfToken("read:accounts"), async (c) => {
      const account = await findVisibleAccount(c, c.req.param("id"));
      if (!account) return notFound(c);
      return (await blocksCaller(c, account)) ? c.json([]) : respondWithRelatedPage(c, list, account.id);
    });
  }

  routes.get("/:id/endorsements", scopeIfToken("read:accounts"), async (c) => {
    const account = await findVisibleAccount(c, c.req.param("id"));
    return account ? respondWithRelatedPage(c, "endorsements", account.id) : notFound(c);
  });

  routes.get("/:id/featured_tags", scopeIfToken("read:accounts"), async (c) => {
    const account = await findVisibleAccount(c, c.req.param("id"));
    if (!account) return notFound(c);
    const ctx = entityContext(c);
    return c.json((await listFeaturedTags(c.var.deps.db, account.id)).map((t) => serializeFeaturedTag(ctx, account, t)));
  });

  return routes;
}
