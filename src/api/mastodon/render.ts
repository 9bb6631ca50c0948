// Turns rows into Mastodon entities for the current viewer, with the fixed
// number of queries loadStatusPage makes.
import type { Context } from "hono";
import { withoutSuspendedAuthors } from "../../../db/queries/moderated-accounts.ts";
import { loadStatusPage } from "../../../db/queries/status-page.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import type { FilterContext } from "../../domain/filters.ts";
import { type StatusEntity, serializeStatus, serializeStatuses } from "../../entities/status.ts";
import { entityContext } from "./entity-context.ts";
import type { ApiEnv } from "./env.ts";

/** Serializes statuses (newest first as given) for the caller; a filter context drops what "hide" filters match there. */
export async function renderStatuses(c: Context<ApiEnv>, rows: readonly StatusRow[], context: FilterContext | null = null): Promise<StatusEntity[]> {
  const page = withoutSuspendedAuthors(await loadStatusPage(c.var.deps.db, rows, c.var.auth?.accountId ?? null, context));
  return serializeStatuses(entityContext(c), page, rows);
}

/** Serializes one status for the caller; null when its author is gone or suspended. */
export async function renderStatus(c: Context<ApiEnv>, row: StatusRow): Promise<StatusEntity | null> {
  const page = withoutSuspendedAuthors(await loadStatusPage(c.var.deps.db, [row], c.var.auth?.accountId ?? null));
  return serializeStatus(entityContext(c), page, row);
}
