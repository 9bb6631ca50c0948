// Around a status: its thread (context), its revisions (history), its source,
// and who favourited or boosted it.
import { type Context, Hono } from "hono";
import { findAccountById } from "../../../../db/queries/accounts.ts";
import { findAncestors, findDescendants } from "../../../../db/queries/status-context.ts";
import { type AccountWithCursor, pageFavouritedBy, pageRebloggedBy } from "../../../../db/queries/status-audience.ts";
import { findMediaByIds, findStatusEdits } from "../../../../db/queries/status-edits.ts";
import { loadStatusPage } from "../../../../db/queries/status-page.ts";
import { findMediaOfStatus } from "../../../../db/queries/statuses.ts";
import type { IdRange } from "../../../../db/queries/timelines.ts";
import { serializeAccount } from "../../../entities/account.ts";
import { serializeStatusContext } from "../../../entities/status-context.ts";
import { serializeStatusEdits } from "../../../entities/status-edit.ts";
import { serializeStatusSource } from "../../../entities/status-source.ts";
import { filterVisibleStatuses } from "../../../services/visibility/may-view-status.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { requireUser, scopeIfToken, viewerId } from "../middleware/auth.ts";
import { readKeysetPage } from "../pagination.ts";
import { visibleStatus } from "./status-lookup.ts";

// Mastodon's Api::V1::Statuses::ContextsController: near-unlimited when signed
// in, bounded for anonymous readers.
const CONTEXT_LIMIT = 4096;
const ANONYMOUS_LIMITS = { ancestors: 40, descendants: 60, depth: 20 };

type AccountPager = (db: ApiEnv["Variables"]["deps"]["db"], statusId: string, viewer: string | null, range: IdRange) => Promise<AccountWithCursor[]>;

async function accountsPage(c: Context<ApiEnv>, pager: AccountPager): Promise<Response> {
  const status = await visibleStatus(c, c.req.param("id") ?? "");
  if (!status) return notFound(c);
  const rows = await readKeysetPage(c, (range) => pager(c.var.deps.db, status.id, c.var.auth?.accountId ?? null, range), (r) => r.cursor_id, { defaultLimit: 40, maxLimit: 80 });
  const ctx = entityContext(c);
  return c.json(rows.map(({ cursor_id: _, ...account }) => serializeAccount(ctx, account)));
}

/** Routes about a status's surroundings. */
export function statusesThreadRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/:id/context", scopeIfToken("read:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    if (!status) return notFound(c);
    const { db } = c.var.deps;
    const viewer = c.var.auth?.accountId ?? null;
    const [above, below] = await Promise.all([
      findAncestors(db, status, viewer ? CONTEXT_LIMIT : ANONYMOUS_LIMITS.ancestors),
      findDescendants(db, status, viewer ? CONTEXT_LIMIT : ANONYMOUS_LIMITS.descendants, viewer ? null : ANONYMOUS_LIMITS.depth),
    ]);
    const [ancestors, descendants] = await Promise.all([filterVisibleStatuses(db, above, viewer), filterVisibleStatuses(db, below, viewer)]);
    const page = await loadStatusPage(db, [...ancestors, ...descendants], viewer, "thread");
    return c.json(serializeStatusContext(entityContext(c), page, ancestors, descendants));
  });

  routes.get("/:id/history", scopeIfToken("read:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    if (!status) return notFound(c);
    const { db } = c.var.deps;
    const [author, edits, current] = await Promise.all([
      findAccountById(db, status.account_id),
      findStatusEdits(db, status.id),
      findMediaOfStatus(db, status.id),
    ]);
    if (!author) return notFound(c);
    const earlier = await findMediaByIds(db, [...new Set(edits.flatMap((e) => JSON.parse(e.media_ids) as string[]))]);
    const byId = new Map([...earlier, ...current].map((m) => [m.id, m]));
    return c.json(serializeStatusEdits(entityContext(c), status, author, edits, { current, byId }));
  });

  routes.get("/:id/source", requireUser("read:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    if (!status || status.account_id !== viewerId(c)) return notFound(c);
    return c.json(serializeStatusSource(status));
  });

  routes.get("/:id/favourited_by", scopeIfToken("read:accounts"), (c) => accountsPage(c, pageFavouritedBy));
  routes.get("/:id/reblogged_by", scopeIfToken("read:accounts"), (c) => accountsPage(c, pageRebloggedBy));

  return routes;
}
