// Inbound Update: an actor's profile change, or an edit of their own post.
import { isActor, Object as APObject, type Update } from "@fedify/vocab";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import type { ParleyContext } from "../context.ts";
import { noteToStatusInput } from "../mappers/note-to-status-input.ts";
import { storeActor } from "../resolve/resolve-account.ts";
import { withoutRejectedMedia } from "../resolve/lookup-remote.ts";
import { findAccountsByUris } from "../../db/queries/accounts.ts";
import { actorOf } from "./actor-of.ts";
import { objectOf } from "./object-of.ts";

/** Refreshes the actor (upsertRemoteAccount), a poll's counts (refreshRemotePoll) or edits the status (updateStatus). */
export async function onUpdate(ctx: ParleyContext, update: Update): Promise<void> {
  const actor = await actorOf(ctx, update);
  if (!actor) return;
  const object = await objectOf(ctx, update);
  if (isActor(object)) {
    if (object.id?.href === actor.uri) await storeActor(ctx, object);
    return;
  }
  if (!(object instanceof APObject) || !object.id || object.attributionId?.href !== actor.uri) return;
  const status = await findStatusByUri(ctx.data.db, object.id.href);
  if (!status || status.account_id !== actor.id) return;
  const mapped = await noteToStatusInput(object, { authorFollowersUri: actor.followers_url, contextLoader: ctx.contextLoader });
  if (!mapped) return;
  const input = await withoutRejectedMedia(ctx, actor.domain!, mapped);
  // New poll counts come as an Update without a newer `updated`: no edit, only
  // the tallies (Mastodon's ProcessStatusUpdateService#handle_implicit_update!).
  if (input.poll && (input.updated === null || (status.edited_at !== null && input.updated <= status.edited_at))) {
    await ctx.data.services.refreshRemotePoll({ accountId: actor.id, statusId: status.id, poll: input.poll });
    return;
  }
  const mentions = await findAccountsByUris(ctx.data.db, input.mentionUris);
  await ctx.data.services.updateStatus({
    origin: "remote",
    statusId: status.id,
    accountId: actor.id,
    content: input.content,
    name: input.name,
    spoilerText: input.spoilerText,
    sensitive: input.sensitive,
    language: input.language,
    mentionAccountIds: mentions.map((m) => m.id),
    tagNames: input.tags,
    emojis: input.emojis,
    attachments: input.attachments,
    poll: input.poll,
    editedAt: input.updated ?? Date.now(),
  });
}
