// Queries on read markers (Mastodon's per-timeline last-read positions).
import type { Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { MarkersTable, MarkerTimeline } from "../schema/timelines.ts";
import type { Executor } from "./executor.ts";

export type MarkerRow = Selectable<MarkersTable>;

/** An account's markers for the given timelines. */
export function findMarkers(db: Executor, accountId: Id, timelines: readonly MarkerTimeline[]): Promise<MarkerRow[]> {
  if (timelines.length === 0) return Promise.resolve([]);
  return db.selectFrom("markers").selectAll().where("account_id", "=", accountId).where("timeline", "in", timelines).execute();
}

/** Sets a marker; its version starts at 0 and grows by one with each save (Mastodon's lock_version). */
export async function saveMarker(db: Executor, accountId: Id, timeline: MarkerTimeline, lastReadId: Id): Promise<void> {
  const now = Date.now();
  await db
    .insertInto("markers")
    .values({ account_id: accountId, timeline, last_read_id: lastReadId, version: 0, updated_at: now })
    .onConflict((oc) =>
      oc.columns(["account_id", "timeline"]).doUpdateSet((eb) => ({
        last_read_id: eb.ref("excluded.last_read_id"),
        version: eb("markers.version", "+", 1),
        updated_at: eb.ref("excluded.updated_at"),
      }))
    )
    .execute();
}
