// Queries on the edit history of statuses: one row per earlier revision.
import type { Selectable } from "kysely";
import type { Id, StatusEditsTable } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { MediaRow } from "./statuses.ts";

export type StatusEditRow = Selectable<StatusEditsTable>;

/** The earlier revisions of a status, oldest first. */
export function findStatusEdits(db: Executor, statusId: Id): Promise<StatusEditRow[]> {
  return db.selectFrom("status_edits").selectAll().where("status_id", "=", statusId).orderBy("id").execute();
}

/** Media attachments by ids (those still stored), any order. */
export function findMediaByIds(db: Executor, ids: readonly Id[]): Promise<MediaRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("media_attachments").selectAll().where("id", "in", ids).execute();
}
