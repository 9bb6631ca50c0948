// A status's thread as Mastodon's Context entity.
import type { StatusPage } from "../../db/queries/status-page.ts";
import type { StatusRow } from "../../db/queries/statuses.ts";
import type { EntityContext } from "./context.ts";
import { type StatusEntity, serializeStatuses } from "./status.ts";

export interface StatusContextEntity {
  ancestors: StatusEntity[];
  descendants: StatusEntity[];
}

/** Serializes ancestors (root first) and descendants (depth first) from one loaded page. */
export function serializeStatusContext(ctx: EntityContext, page: StatusPage, ancestors: readonly StatusRow[], descendants: readonly StatusRow[]): StatusContextEntity {
  return { ancestors: serializeStatuses(ctx, page, ancestors), descendants: serializeStatuses(ctx, page, descendants) };
}
