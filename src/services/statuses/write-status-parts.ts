// Writes the parts of a status that both creation and editing replace:
// mentions, hashtags and media references.
import type { Id } from "../../../db/schema/index.ts";
import { replaceMedia, replaceMentions } from "../../../db/queries/statuses.ts";
import { replaceStatusTags, upsertTags } from "../../../db/queries/tags.ts";
import type { ServiceDeps, Tx } from "../context.ts";
import type { StatusDraft } from "./status-draft.ts";

/** Replaces mentions, tags and media of a status with what the draft says. */
export async function writeStatusParts(deps: ServiceDeps, tx: Tx, statusId: Id, draft: StatusDraft): Promise<void> {
  await replaceMentions(tx, statusId, draft.mentionAccountIds ?? []);
  const tagIds = await upsertTags(tx, draft.tagNames ?? [], () => deps.ids.next());
  await replaceStatusTags(tx, statusId, tagIds);
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
