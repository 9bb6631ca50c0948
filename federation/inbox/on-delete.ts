// Inbound Delete: of a whole actor (with everything of theirs) or of a post.
// Only the owner can delete; the services check it.
import type { Delete } from "@fedify/vocab";
import { findAccountByUri } from "../../db/queries/accounts.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import type { ParleyContext } from "../context.ts";

/** Deletes the actor's account (deleteAccount) or the status (deleteStatus). */
export async function onDelete(ctx: ParleyContext, del: Delete): Promise<void> {
  const actorUri = del.actorId?.href;
  const objectUri = del.objectId?.href;
  if (!actorUri || !objectUri || ctx.data.uris.isLocal(actorUri)) return;
  // No fetch: a deleted actor's document is gone, and Fedify verified the signature.
  const actor = await findAccountByUri(ctx.data.db, actorUri);
  if (!actor) return;
  if (objectUri === actorUri) {
    await ctx.data.services.deleteAccount({ accountId: actor.id, origin: "remote" });
    return;
  }
  const status = await findStatusByUri(ctx.data.db, objectUri);
  if (status) await ctx.data.services.deleteStatus({ statusId: status.id, accountId: actor.id, origin: "remote" });
}
