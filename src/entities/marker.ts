// Read markers as Mastodon's Marker entities, keyed by timeline.
import type { MarkerRow } from "../../db/queries/markers.ts";
import { isoTime } from "./context.ts";

export interface MarkerEntity {
  last_read_id: string;
  version: number;
  updated_at: string;
}

/** Serializes markers as Mastodon's hash of timeline name to Marker. */
export function serializeMarkers(rows: readonly MarkerRow[]): Record<string, MarkerEntity> {
  return Object.fromEntries(rows.map((m) => [m.timeline, { last_read_id: m.last_read_id, version: m.version, updated_at: isoTime(m.updated_at) }]));
}
