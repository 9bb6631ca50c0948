// POST /api/v1/admin/measures and /api/v1/admin/dimensions (GET too, for
// Parley's CLI and curl): Mastodon's dashboard figures for staff with
// view_dashboard, over start_at..end_at (whole UTC days, end_at included).
import { Hono } from "hono";
import { z } from "zod";
import { dimension, measure } from "../../../../services/reports/admin-metrics.ts";
import { serializeDimension, serializeMeasure } from "../../../../entities/admin-measure.ts";
import { parseParams } from "../../body.ts";
import type { ApiEnv } from "../../env.ts";
import { apiError } from "../../errors.ts";
import { requireStaff } from "../../middleware/staff.ts";
import { integer, list } from "../../params.ts";

const DAY_MS = 86_400_000;
// Mastodon's dashboard asks for 30 days; a year of daily buckets is plenty.
const MAX_DAYS = 366;

const schema = z.object({
  keys: list(z.string()),
  start_at: z.string().optional(),
  end_at: z.string().optional(),
  limit: integer.optional(),
});

function spanOf(start?: string, end?: string): { from: number; to: number } | null {
  const day = (value: string) => Math.floor(Date.parse(value) / DAY_MS) * DAY_MS;
  const to = end ? day(end) + DAY_MS : Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS;
  const from = start ? day(start) : to - 30 * DAY_MS;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to || to - from > MAX_DAYS * DAY_MS) return null;
  return { from, to };
}

/** The measures and dimensions routes, mounted at /api/v1/admin. */
export function adminMeasuresRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  for (const [path, kind] of [["/measures", "measure"], ["/dimensions", "dimension"]] as const) {
    routes.on(["GET", "POST"], path, requireStaff("view_dashboard", "admin:read"), async (c) => {
      const parsed = await parseParams(c, schema);
      if (!parsed.ok) return parsed.response;
      const span = spanOf(parsed.value.start_at, parsed.value.end_at);
      if (!span) return apiError(c, 422, `Validation failed: start_at and end_at must be dates, at most ${MAX_DAYS} days apart`);
      const deps = c.var.deps.services.deps;
      if (kind === "measure") return c.json((await measure(deps, parsed.value.keys, span)).map(serializeMeasure));
      const limit = Math.min(Math.max(parsed.value.limit ?? 10, 1), 100);
      return c.json((await dimension(deps, parsed.value.keys, span, limit)).map(serializeDimension));
    });
  }
  return routes;
}
