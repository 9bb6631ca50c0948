// What a user does to a status: favourite, boost, bookmark, pin, mute the
// conversation, and their undoing. Each answers with the status as now seen.
import { Hono } from "hono";
import { z } from "zod";
import { findReblog, findStatusById } from "../../../../db/queries/statuses.ts";
import type { Result } from "../../../domain/result.ts";
import type { StatusRow } from "../../../../db/queries/statuses.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { visibility } from "../params.ts";
import { respondWithStatus, visibleStatus } from "./status-lookup.ts";

type Services = ApiEnv["Variables"]["deps"]["services"];
type Act = (services: Services, accountId: string, statusId: string) => Promise<Result<StatusRow>>;

// path, scope, action (Mastodon's Api::V1::Statuses::*Controller scopes).
const ACTIONS: [string, string, Act][] = [
  ["favourite", "write:favourites", (s, accountId, statusId) => s.favouriteStatus({ accountId, statusId, origin: "local" })],
  ["unfavourite", "write:favourites", (s, accountId, statusId) => s.unfavouriteStatus({ accountId, statusId, origin: "local" })],
  ["bookmark", "write:bookmarks", (s, accountId, statusId) => s.bookmarkStatus({ accountId, statusId })],
  ["unbookmark", "write:bookmarks", (s, accountId, statusId) => s.unbookmarkStatus({ accountId, statusId })],
  ["pin", "write:accounts", (s, accountId, statusId) => s.pinStatus({ accountId, statusId, origin: "local" })],
  ["unpin", "write:accounts", (s, accountId, statusId) => s.unpinStatus({ accountId, statusId, origin: "local" })],
  ["mute", "write:mutes", (s, accountId, statusId) => s.muteConversation({ accountId, statusId })],
  ["unmute", "write:mutes", (s, accountId, statusId) => s.unmuteConversation({ accountId, statusId })],
];

/** Routes of actions on a status. */
export function statusesActionRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  for (const [path, scope, act] of ACTIONS) {
    routes.post(`/:id/${path}`, requireUser(scope), async (c) => {
      const status = await visibleStatus(c, c.req.param("id"));
      if (!status) return notFound(c);
      const done = await act(c.var.deps.services, viewerId(c), status.id);
      return done.ok ? respondWithStatus(c, done.value) : failureResponse(c, done);
    });
  }

  routes.post("/:id/reblog", requireUser("write:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    if (!status) return notFound(c);
    const parsed = await parseParams(c, z.object({ visibility: visibility.optional() }));
    if (!parsed.ok) return parsed.response;
    const done = await c.var.deps.services.reblogStatus({
      accountId: viewerId(c),
      statusId: status.id,
      origin: "local",
      ...(parsed.value.visibility ? { visibility: parsed.value.visibility } : {}),
    });
    return done.ok ? respondWithStatus(c, done.value) : failureResponse(c, done);
  });

  routes.post("/:id/unreblog", requireUser("write:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    if (!status) return notFound(c);
    const me = viewerId(c);
    const reblog = await findReblog(c.var.deps.db, me, status.id);
    if (reblog) {
      const undone = await c.var.deps.services.deleteStatus({ statusId: reblog.id, accountId: me, origin: "local" });
      if (!undone.ok) return failureResponse(c, undone);
    }
    const fresh = await findStatusById(c.var.deps.db, status.id);
    return fresh ? respondWithStatus(c, fresh) : notFound(c);
  });

  return routes;
}
