// /api/v1/scheduled_statuses: the signed-in user's statuses waiting for their time.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findMediaOfAccount, findScheduledStatus, pageScheduledStatuses, type ScheduledStatusRow } from "../../../../db/queries/scheduled-statuses.ts";
import type { ScheduledStatusParams } from "../../../../db/schema/statuses.ts";
import { isId } from "../../../domain/ids.ts";
import { serializeScheduledStatus } from "../../../entities/scheduled-status.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { apiError, failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { readKeysetPage } from "../pagination.ts";

async function render(c: Context<ApiEnv>, rows: readonly ScheduledStatusRow[]) {
  const mediaIds = rows.flatMap((r) => (JSON.parse(r.params) as ScheduledStatusParams).media_ids ?? []);
  const media = await findMediaOfAccount(c.var.deps.db, viewerId(c), mediaIds);
  return rows.map((r) => {
    const ids = new Set((JSON.parse(r.params) as ScheduledStatusParams).media_ids ?? []);
    return serializeScheduledStatus(r, media.filter((m) => ids.has(m.id)));
  });
}

/** Scheduled status routes. */
export function scheduledStatusesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:statuses"), async (c) => {
    const rows = await readKeysetPage(c, (range) => pageScheduledStatuses(c.var.deps.db, viewerId(c), range), (r) => r.id);
    return c.json(await render(c, rows));
  });

  routes.get("/:id", requireUser("read:statuses"), async (c) => {
    const id = c.req.param("id");
    const row = isId(id) ? await findScheduledStatus(c.var.deps.db, viewerId(c), id) : undefined;
    return row ? c.json((await render(c, [row]))[0]) : notFound(c);
  });

  routes.put("/:id", requireUser("write:statuses"), async (c) => {
    const id = c.req.param("id");
    if (!isId(id)) return notFound(c);
    const parsed = await parseParams(c, z.object({ scheduled_at: z.string().optional() }));
    if (!parsed.ok) return parsed.response;
    const scheduledAt = Date.parse(parsed.value.scheduled_at ?? "");
    if (Number.isNaN(scheduledAt)) return apiError(c, 422, "Validation failed: Scheduled at is not a valid time");
    const moved = await c.var.deps.services.rescheduleStatus({ accountId: viewerId(c), id, scheduledAt });
    return moved.ok ? c.json((await render(c, [moved.value]))[0]) : failureResponse(c, moved);
  });

  routes.delete("/:id", requireUser("write:statuses"), async (c) => {
    const id = c.req.param("id");
    if (!isId(id)) return notFound(c);
    const cancelled = await c.var.deps.services.cancelScheduledStatus({ accountId: viewerId(c), id });
    return cancelled.ok ? c.json({}) : failureResponse(c, cancelled);
  });

  return routes;
}
