// Finding the status a /api/v1/statuses/:id route is about, as the caller
// may see it, and answering with it.
import type { Context } from "hono";
import { findStatusById, findStatusesByIds, type StatusRow } from "../../../../db/queries/statuses.ts";
import { isId } from "../../../domain/ids.ts";
import { filterVisibleStatuses, mayViewStatus } from "../../../services/visibility/may-view-status.ts";
import type { ApiEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { renderStatus } from "../render.ts";

/** The status with this id if the caller may see it; reblogs only when asked for. */
export async function visibleStatus(c: Context<ApiEnv>, id: string, { reblogs = false } = {}): Promise<StatusRow | null> {
  if (!isId(id)) return null;
  const status = await findStatusById(c.var.deps.db, id);
  if (!status || (status.reblog_of_id !== null && !reblogs)) return null;
  return (await mayViewStatus(c.var.deps.db, status, c.var.auth?.accountId ?? null)) ? status : null;
}

/**
 * The statuses with these ids the caller may see, in the order asked; a
 * reblog only when its original may be seen too. Unknown and hidden ids are left out.
 */
export async function visibleStatuses(c: Context<ApiEnv>, ids: readonly string[]): Promise<StatusRow[]> {
  const viewer = c.var.auth?.accountId ?? null;
  const rows = await filterVisibleStatuses(c.var.deps.db, await findStatusesByIds(c.var.deps.db, ids.filter(isId)), viewer);
  const originalIds = rows.flatMap((r) => (r.reblog_of_id ? [r.reblog_of_id] : []));
  const originals = new Set((await filterVisibleStatuses(c.var.deps.db, await findStatusesByIds(c.var.deps.db, originalIds), viewer)).map((r) => r.id));
  const byId = new Map(rows.filter((r) => r.reblog_of_id === null || originals.has(r.reblog_of_id)).map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Answers with the status entity for the caller (404 when its author is gone). */
export async function respondWithStatus(c: Context<ApiEnv>, row: StatusRow): Promise<Response> {
  const entity = await renderStatus(c, row);
  return entity ? c.json(entity) : notFound(c);
}
