// Bookmarks: a private list of statuses; nothing federates.
import { deleteBookmark, insertBookmark } from "../../../db/queries/bookmarks.ts";
import { findStatusById, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import type { ServiceDeps } from "../context.ts";
import { mayViewStatus } from "../visibility/may-view-status.ts";

export interface BookmarkInput {
  accountId: Id;
  statusId: Id;
}

/** Bookmarks a status the account may see (a reblog's original); idempotent. */
export async function bookmarkStatus(deps: ServiceDeps, input: BookmarkInput): Promise<Result<StatusRow>> {
  const status = await findStatusById(deps.db, input.statusId);
  if (!status || status.reblog_of_id !== null || !(await mayViewStatus(deps.db, status, input.accountId))) {
    return fail("not-found", "Record not found");
  }
  await insertBookmark(deps.db, { id: deps.ids.next(), account_id: input.accountId, status_id: status.id, created_at: Date.now() });
  return ok(status);
}

/** Removes a bookmark; idempotent. */
export async function unbookmarkStatus(deps: ServiceDeps, input: BookmarkInput): Promise<Result<StatusRow>> {
  const status = await findStatusById(deps.db, input.statusId);
  if (!status) return fail("not-found", "Record not found");
  await deleteBookmark(deps.db, input.accountId, status.id);
  return ok(status);
}
