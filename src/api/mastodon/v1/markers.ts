// /api/v1/markers: read positions in the home and notifications timelines.
import { Hono } from "hono";
import { z } from "zod";
import { findMarkers } from "../../../../db/queries/markers.ts";
import type { MarkerTimeline } from "../../../../db/schema/timelines.ts";
import { serializeMarkers } from "../../../entities/marker.ts";
import { isId } from "../../../domain/ids.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";

const TIMELINES: readonly MarkerTimeline[] = ["home", "notifications"];
const position = z.object({ last_read_id: z.string().refine(isId, "is not an id") }).optional();
const saveSchema = z.object({ home: position, notifications: position });

/** Marker routes. */
export function markersRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:statuses"), async (c) => {
    const asked = [...(c.req.queries("timeline[]") ?? []), ...(c.req.queries("timeline") ?? [])];
    const timelines = TIMELINES.filter((t) => asked.includes(t));
    return c.json(serializeMarkers(await findMarkers(c.var.deps.db, viewerId(c), timelines)));
  });

  routes.post("/", requireUser("write:statuses"), async (c) => {
    const parsed = await parseParams(c, saveSchema);
    if (!parsed.ok) return parsed.response;
    const positions = Object.fromEntries(TIMELINES.flatMap((t) => (parsed.value[t] ? [[t, parsed.value[t].last_read_id]] : [])));
    const saved = await c.var.deps.services.saveMarkers(viewerId(c), positions);
    return saved.ok ? c.json(serializeMarkers(saved.value)) : failureResponse(c, saved);
  });

  return routes;
}
