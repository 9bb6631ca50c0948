// Inbound Remove from an actor's featured collection: a remote account unpins
// one of its statuses (Mastodon's ActivityPub::Activity::Remove).
import type { Remove } from "@fedify/vocab";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import type { ParleyContext } from "../context.ts";
import { actorOf } from "./actor-of.ts";

/** Removes the pin through unpinStatus; an unknown status has no pin to remove. */
export async function onRemove(ctx: ParleyContext, remove: Remove): Promise<void> {
  if (!remove.objectId || !remove.targetId) return;
  const actor = await actorOf(ctx, remove);
  if (!actor || actor.featured_url === null || remove.targetId.href !== actor.featured_url) return;
  const status = await findStatusByUri(ctx.data.db, remove.objectId.href);
  if (!status || status.account_id !== actor.id) return;
  await ctx.data.services.unpinStatus({ accountId: actor.id, statusId: status.id, origin: "remote" });
}
