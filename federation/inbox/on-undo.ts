// Inbound Undo of a Follow, Like, Announce or Block. The undone activity is
// found by its id in our records (its URI is often not dereferenceable), and
// only the actor who did it can undo it.
import type { Undo } from "@fedify/vocab";
import { findFavouriteByUri } from "../../db/queries/favourites.ts";
import { findFollowByUri } from "../../db/queries/follows.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import type { ParleyContext } from "../context.ts";
import { actorOf } from "./actor-of.ts";

/** Dispatches the undo to unfollow, unfavourite, deleteStatus (reblog) or unblock. */
export async function onUndo(ctx: ParleyContext, undo: Undo): Promise<void> {
  const undoneId = undo.objectId?.href;
  if (!undoneId) return;
  const actor = await actorOf(ctx, undo);
  if (!actor) return;
  const { db, services } = ctx.data;

  const follow = (await findFollowByUri(db, "follows", undoneId)) ?? (await findFollowByUri(db, "follow_requests", undoneId));
  if (follow?.account_id === actor.id) {
    await services.unfollowAccount({ followerId: actor.id, targetId: follow.target_account_id, origin: "remote" });
    return;
  }
  const favourite = await findFavouriteByUri(db, undoneId);
  if (favourite?.account_id === actor.id) {
    await services.unfavouriteStatus({ accountId: actor.id, statusId: favourite.status_id, origin: "remote" });
    return;
  }
  const reblog = await findStatusByUri(db, undoneId);
  if (reblog?.reblog_of_id && reblog.account_id === actor.id) {
    await services.deleteStatus({ statusId: reblog.id, accountId: actor.id, origin: "remote" });
    return;
  }
  const block = await db.selectFrom("blocks").selectAll().where("uri", "=", undoneId).executeTakeFirst();
  if (block?.account_id === actor.id) {
    await services.unblockAccount({ accountId: actor.id, targetId: block.target_account_id, origin: "remote" });
  }
}
