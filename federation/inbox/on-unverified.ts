// An unverifiable activity is refused, except one case: Delete of an actor
// whose key fetch the actor's own origin answered with 410 Gone. The origin
// itself says the actor is gone, so deleting it locally trusts nothing more.
// (Mastodon signs such Deletes with the key it just removed.)
import { Delete, type Activity } from "@fedify/vocab";
import type { UnverifiedActivityReason } from "@fedify/fedify";
import { findAccountByUri } from "../../db/queries/accounts.ts";
import type { ParleyRequestContext } from "../context.ts";

/** Accepts a gone actor's self-Delete (202), lets Fedify refuse everything else. */
export async function onUnverifiedActivity(
  ctx: ParleyRequestContext,
  activity: Activity,
  reason: UnverifiedActivityReason,
): Promise<Response | void> {
  if (!(activity instanceof Delete) || reason.type !== "keyFetchError") return;
  if (!("status" in reason.result) || reason.result.status !== 410) return;
  const actorUri = activity.actorId;
  if (!actorUri || activity.objectId?.href !== actorUri.href) return;
  const keyOwner = new URL(reason.keyId);
  keyOwner.hash = "";
  if (keyOwner.href !== actorUri.href) return;
  const account = await findAccountByUri(ctx.data.db, actorUri.href);
  if (account && account.domain !== null) await ctx.data.services.deleteAccount({ accountId: account.id, origin: "remote" });
  return new Response(null, { status: 202 });
}
