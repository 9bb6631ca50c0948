// /api/v1/statuses: reading one status or several, and deleting one, here; posting and
// editing, actions on a status, and its thread and audience in the statuses-* files.
import { Hono } from "hono";
import type { ApiEnv } from "../env.ts";
import { apiError, failureResponse, notFound } from "../errors.ts";
import { queryList } from "../notification-params.ts";
import { requireUser, scopeIfToken, viewerId } from "../middleware/auth.ts";
import { renderStatus, renderStatuses } from "../render.ts";
import { statusesActionRoutes } from "./statuses-actions.ts";
import { statusesThreadRoutes } from "./statuses-threads.ts";
import { statusesWriteRoutes } from "./statuses-write.ts";
import { respondWithStatus, visibleStatus, visibleStatuses } from "./status-lookup.ts";

// Mastodon's DEFAULT_STATUSES_LIMIT caps GET /api/v1/statuses?id[]= (more ids: 422).
const MAX_IDS = 20;

/** Status routes. */
export function statusesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.route("/", statusesWriteRoutes());
  routes.route("/", statusesActionRoutes());
  routes.route("/", statusesThreadRoutes());

  // Several statuses at once (Mastodon 4.3); those the caller may not see are left out.
  routes.get("/", scopeIfToken("read:statuses"), async (c) => {
    const ids = [...new Set(queryList(c, "id") ?? [])];
    if (ids.length > MAX_IDS) return apiError(c, 422, `Too many ids (maximum is ${MAX_IDS})`);
    return c.json(await renderStatuses(c, await visibleStatuses(c, ids)));
  });

  // A boost's own id answers the boost (Mastodon's StatusesController#show), when its original may be seen too.
  routes.get("/:id", scopeIfToken("read:statuses"), async (c) => {
    const [status] = await visibleStatuses(c, [c.req.param("id")]);
    return status ? respondWithStatus(c, status) : notFound(c);
  });

  routes.delete("/:id", requireUser("write:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"), { reblogs: true });
    if (!status) return notFound(c);
    const entity = await renderStatus(c, status);
    const deleted = await c.var.deps.services.deleteStatus({ statusId: status.id, accountId: viewerId(c), origin: "local" });
    if (!deleted.ok) return deleted.kind === "forbidden" ? notFound(c) : failureResponse(c, deleted);
    // The source text comes back so clients can offer "delete and redraft".
    return c.json({ ...entity, text: status.text ?? "" });
  });

  return routes;
}
