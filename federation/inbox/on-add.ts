// Inbound Add to an actor's featured collection: a remote account pins one of
// its own statuses (Mastodon's ActivityPub::Activity::Add).
import type { Add } from "@fedify/vocab";
import type { ParleyContext } from "../context.ts";
import { resolveStatus } from "../resolve/resolve-status.ts";
import { actorOf } from "./actor-of.ts";

/** Records the pin through pinStatus; the status is fetched from its origin when unknown. */
export async function onAdd(ctx: ParleyContext, add: Add): Promise<void> {
  if (!add.objectId || !add.targetId) return;
  const actor = await actorOf(ctx, add);
  if (!actor || actor.featured_url === null || add.targetId.href !== actor.featured_url) return;
  const status = await resolveStatus(ctx, add.objectId);
  if (!status || status.account_id !== actor.id) return;
  await ctx.data.services.pinStatus({ accountId: actor.id, statusId: status.id, origin: "remote" });
}
