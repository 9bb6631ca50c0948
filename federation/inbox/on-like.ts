// Inbound Like: a remote account favourites a status we know.
import type { Like } from "@fedify/vocab";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import type { ParleyContext } from "../context.ts";
import { actorOf } from "./actor-of.ts";

/** Records the favourite through favouriteStatus. */
export async function onLike(ctx: ParleyContext, like: Like): Promise<void> {
  if (!like.id || !like.objectId) return;
  const status = await findStatusByUri(ctx.data.db, like.objectId.href);
  if (!status) return;
  const actor = await actorOf(ctx, like);
  if (!actor) return;
  await ctx.data.services.favouriteStatus({ accountId: actor.id, statusId: status.id, origin: "remote", uri: like.id.href });
}
