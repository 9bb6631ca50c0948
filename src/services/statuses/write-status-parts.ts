// Writes the parts of a status that both creation and editing replace:
// mentions, hashtags, the preview card's link, and media: a local status's
// uploads, claimed through the media service, or a remote status's media by reference.
import type { Id } from "../../../db/schema/index.ts";
import { fail, type Result } from "../../domain/result.ts";
import { replaceMedia, replaceMentions } from "../../../db/queries/statuses.ts";
import { replaceStatusTags, upsertTags } from "../../../db/queries/tags.ts";
import type { ServiceDeps, Tx } from "../context.ts";
import { claimMediaForStatus } from "../media/claim-media.ts";
import { queuePreviewCard } from "../preview-cards/queue-preview-card.ts";
import type { StatusDraft } from "./status-draft.ts";

/** Thrown inside a write transaction when uploads went to a concurrent post; it rolls the write back. */
export class MediaClaimError extends Error {}

/** Runs a write, answering a lost media claim as the validation failure it is. */
export async function refusingLostClaims<T>(write: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof MediaClaimError) return fail("validation", error.message);
    throw error;
  }
}

/**
 * Replaces mentions, tags, card link and media of a status with what the draft says.
 * Callers check local media first (findMediaToAttach); a claim lost to a
 * concurrent post throws MediaClaimError (see refusingLostClaims).
 */
export async function writeStatusParts(deps: ServiceDeps, tx: Tx, statusId: Id, draft: StatusDraft): Promise<void> {
  await replaceMentions(tx, statusId, draft.mentionAccountIds ?? []);
  const tagIds = await upsertTags(tx, draft.tagNames ?? [], () => deps.ids.next());
  await replaceStatusTags(tx, statusId, tagIds);
  await queuePreviewCard(deps, tx, statusId, draft.content);
  if (draft.origin === "local") {
    const claimed = await claimMediaForStatus(tx, draft.accountId, draft.mediaIds ?? [], statusId);
    if (!claimed.ok) throw new MediaClaimError(claimed.message);
    return;
  }
  const now = Date.now();
  await replaceMedia(
    tx,
    statusId,
    (draft.attachments ?? []).slice(0, 16).map((a, position) => ({
      id: deps.ids.next(),
      status_id: statusId,
      account_id: draft.accountId,
      type: a.type,
      remote_url: a.url,
      url: a.url,
      preview_url: null,
      media_type: a.mediaType,
      description: a.description,
      blurhash: a.blurhash,
      meta: JSON.stringify({
        ...(a.width && a.height ? { original: { width: a.width, height: a.height } } : {}),
        ...(a.focus ? { focus: a.focus } : {}),
      }),
      position,
      created_at: now,
    })),
  );
}
