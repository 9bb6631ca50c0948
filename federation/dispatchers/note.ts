// Every local status is dereferenceable at its URI as a Note (a Question when
// it has a poll; the dispatcher is registered for Object, which covers both,
// since Fedify keeps one dispatcher per class and path). Public and
// unlisted ones to anyone but a signer the author blocks; followers-only and
// direct ones only to a signed request from an account allowed to see them.
import { Object as APObject } from "@fedify/vocab";
import type { Federation } from "@fedify/fedify";
import { loadStatusParts } from "../../db/queries/status-parts.ts";
import { findStatusById } from "../../db/queries/statuses.ts";
import { isOpenVisibility } from "../../db/queries/status-visibility.ts";
import { isUnavailable } from "../../src/domain/account-state.ts";
import { isId } from "../../src/domain/ids.ts";
import { mayViewStatus } from "../../src/services/visibility/may-view-status.ts";
import type { ParleyContext, ParleyContextData, ParleyRequestContext } from "../context.ts";
import { statusToNote } from "../mappers/status-to-note.ts";
import { paths } from "../paths.ts";
import { signedViewer } from "./signed-viewer.ts";

async function localStatus(ctx: ParleyContext, values: { identifier: string; id: string }) {
  if (!isId(values.id)) return null;
  const status = await findStatusById(ctx.data.db, values.id);
  if (!status || status.local !== 1 || status.reblog_of_id !== null) return null;
  const parts = await loadStatusParts(ctx.data.db, status);
  return parts && parts.author.username === values.identifier && !isUnavailable(parts.author) ? parts : null;
}

async function mayFetch(ctx: ParleyRequestContext, values: { identifier: string; id: string }): Promise<boolean> {
  const parts = await localStatus(ctx, values);
  if (!parts) return true; // the dispatcher answers 404
  // Signed: as the signer may see it, so one the author blocks gets nothing, public or not
  // (Mastodon's StatusPolicy#show?). Unsigned, or by a stranger: public and unlisted only.
  const viewer = await signedViewer(ctx);
  return viewer ? mayViewStatus(ctx.data.db, parts.status, viewer.id) : isOpenVisibility(parts.status.visibility);
}

/** Registers the status dispatcher with its visibility check. */
export function registerNoteDispatcher(federation: Federation<ParleyContextData>): void {
  federation
    .setObjectDispatcher(APObject, paths.note, async (ctx, values) => {
      const parts = await localStatus(ctx, values);
      return parts ? statusToNote(ctx, parts) : null;
    })
    .authorize(mayFetch);
}
