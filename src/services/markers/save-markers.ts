// Saving read positions (Mastodon's markers): each save bumps the marker's version.
import { findMarkers, type MarkerRow, saveMarker } from "../../../db/queries/markers.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { MarkerTimeline } from "../../../db/schema/timelines.ts";
import { ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";

/** Sets the given timelines' last-read ids; returns the saved markers. */
export async function saveMarkers(deps: ServiceDeps, accountId: Id, positions: Partial<Record<MarkerTimeline, Id>>): Promise<Result<MarkerRow[]>> {
  const entries = Object.entries(positions) as [MarkerTimeline, Id][];
  const saved = await writeTransaction(deps, async (tx) => {
    for (const [timeline, lastReadId] of entries) await saveMarker(tx, accountId, timeline, lastReadId);
    return findMarkers(tx, accountId, entries.map(([timeline]) => timeline));
  });
  return ok(saved);
}
