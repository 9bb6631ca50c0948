// Parley's extension beside Mastodon's admin API: statuses held for review.
// GET /api/v1/admin/holds lists them (the status as staff see it, why, by
// whom), POST /api/v1/admin/holds/:status_id/release delivers one as if it
// had just arrived, POST .../remove deletes it with a reason; and POST
// /api/v1/admin/statuses/:id/hold holds a status already delivered.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findHold, pageHolds, type StatusHoldRow } from "../../../../../db/queries/status-holds.ts";
import { findStatusesByIds } from "../../../../../db/queries/statuses.ts";
import { serializeHold } from "../../../../entities/status-hold.ts";
import type { ApiEnv } from "../../env.ts";
import { parseParams } from "../../body.ts";
import { failureResponse } from "../../errors.ts";
import { moderatorOf, requireStaff } from "../../middleware/staff.ts";
import { readKeysetPage } from "../../pagination.ts";
import { idParam } from "../../params.ts";
import { renderStatus, renderStatuses } from "../../render.ts";

const reasonSchema = z.object({ reason: z.string().max(1000).optional() });

// Holds with their statuses rendered for the staff member, in one status page.
async function renderHolds(c: Context<ApiEnv>, holds: readonly StatusHoldRow[]) {
  const rows = await findStatusesByIds(c.var.deps.db, holds.map((h) => h.status_id));
  const entities = new Map((await renderStatuses(c, rows)).map((s) => [s.id, s]));
  return holds.map((h) => serializeHold(h, entities.get(h.status_id) ?? null));
}

/** The holds routes, mounted at /api/v1/admin/holds. */
export function adminHoldsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireStaff("manage_reports", "admin:read"), async (c) => {
    const holds = await readKeysetPage(c, (range) => pageHolds(c.var.deps.db, range), (h) => h.status_id, { defaultLimit: 40, maxLimit: 200 });
    return c.json(await renderHolds(c, holds));
  });
  routes.post("/:status_id/release", requireStaff("manage_reports", "admin:write"), async (c) => {
    const released = await c.var.deps.services.releaseHold(moderatorOf(c), idParam(c, "status_id"));
    if (!released.ok) return failureResponse(c, released);
    return c.json(await renderStatus(c, released.value));
  });
  routes.post("/:status_id/remove", requireStaff("manage_reports", "admin:write"), async (c) => {
    const params = await parseParams(c, reasonSchema);
    if (!params.ok) return params.response;
    const removed = await c.var.deps.services.removeHeldStatus(moderatorOf(c), idParam(c, "status_id"), params.value.reason ?? "");
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });
  return routes;
}

/** POST /:id/hold, mounted at /api/v1/admin/statuses. */
export function adminStatusHoldRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.post("/:id/hold", requireStaff("manage_reports", "admin:write"), async (c) => {
    const params = await parseParams(c, reasonSchema);
    if (!params.ok) return params.response;
    const held = await c.var.deps.services.holdStatus(moderatorOf(c), idParam(c), params.value.reason ?? "");
    if (!held.ok) return failureResponse(c, held);
    return c.json((await renderHolds(c, [(await findHold(c.var.deps.db, held.value.id))!]))[0]);
  });
  return routes;
}
