// /api/v2/notifications: notifications grouped as Mastodon 4.3 groups them
// (favourites and boosts of one status, and follows, within 12 hours).
import { type Context, Hono } from "hono";
import { countGroupsAfter, findGroupSenders, pageNotificationGroups } from "../../../../db/queries/notification-groups.ts";
import { pageNotifications } from "../../../../db/queries/notifications.ts";
import { loadRelatedPage } from "../../../../db/queries/related-page.ts";
import { findAccountsByIds } from "../../../../db/queries/accounts.ts";
import { serializeAccount } from "../../../entities/account.ts";
import { serializeGroupedResults } from "../../../entities/notification-group.ts";
import { reportIdOfGroupKey } from "../../../domain/report-notifications.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { notificationFilter, queryList, unreadWindow } from "../notification-params.ts";
import { newestFirst, pageBounds, parsePage, type PageRequest, setLinkHeader } from "../pagination.ts";

async function groupedResults(c: Context<ApiEnv>, page: PageRequest, groupKey?: string) {
  const { db } = c.var.deps;
  const me = viewerId(c);
  const filter = { ...notificationFilter(c), ...(groupKey ? { groupKey } : {}) };
  const grouped = queryList(c, "grouped_types");
  const groups = newestFirst(await pageNotificationGroups(db, me, filter, grouped, { ...pageBounds(page), limit: page.limit }), page);
  const senders = await findGroupSenders(db, me, filter, grouped, groups);
  const reportIds = groups.map((g) => reportIdOfGroupKey(g.group_key));
  const related = await loadRelatedPage(db, [...senders.values()].flat(), groups.map((g) => g.status_id), me, "notifications", groups.map((g) => g.account_warning_id), reportIds);
  return {
    groups,
    body: serializeGroupedResults(entityContext(c), {
      groups,
      senders,
      accounts: related.accounts,
      statuses: related.statuses,
      reports: related.reports,
      warnings: related.warnings,
      partialAvatars: c.req.query("expand_accounts") === "partial_avatars",
    }),
  };
}

// A page of groups links on notification ids, like Mastodon's: next below its oldest, prev above its newest.
function setGroupLinks(c: Context<ApiEnv>, groups: { most_recent_id: string; oldest_id: string }[]) {
  if (groups.length === 0) return;
  const ids = groups.flatMap((g) => [BigInt(g.most_recent_id), BigInt(g.oldest_id)]).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  setLinkHeader(c, [ids[0]!.toString(), ids.at(-1)!.toString()], (id) => id, c.var.deps.config.publicUrl.origin);
}

/** Grouped notification routes (API v2). */
export function notificationsV2Routes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:notifications"), async (c) => {
    const { groups, body } = await groupedResults(c, parsePage(c, { defaultLimit: 40, maxLimit: 80 }));
    setGroupLinks(c, groups);
    return c.json(body);
  });

  routes.get("/unread_count", requireUser("read:notifications"), async (c) => {
    const me = viewerId(c);
    const { afterId, cap } = await unreadWindow(c, me);
    const count = await countGroupsAfter(c.var.deps.db, me, afterId, notificationFilter(c), queryList(c, "grouped_types"), cap);
    return c.json({ count });
  });

  routes.get("/:group_key", requireUser("read:notifications"), async (c) => {
    const page: PageRequest = { maxId: null, sinceId: null, minId: null, limit: 1 };
    const { groups, body } = await groupedResults(c, page, c.req.param("group_key"));
    return groups.length ? c.json(body) : notFound(c);
  });

  routes.get("/:group_key/accounts", requireUser("read:notifications"), async (c) => {
    const me = viewerId(c);
    const groupKey = c.req.param("group_key");
    const rows = await pageNotifications(c.var.deps.db, me, { groupKey }, { lower: null, upper: null, ascending: false, limit: 80 });
    if (rows.length === 0) return notFound(c);
    const accounts = new Map((await findAccountsByIds(c.var.deps.db, rows.map((r) => r.from_account_id))).map((a) => [a.id, a]));
    const ordered = [...new Set(rows.map((r) => r.from_account_id))].flatMap((id) => accounts.get(id) ?? []);
    return c.json(ordered.map((a) => serializeAccount(entityContext(c), a)));
  });

  routes.post("/:group_key/dismiss", requireUser("write:notifications"), async (c) => {
    const dismissed = await c.var.deps.services.dismissNotifications({ accountId: viewerId(c), groupKey: c.req.param("group_key") });
    return dismissed.ok ? c.json({}) : failureResponse(c, dismissed);
  });

  return routes;
}
