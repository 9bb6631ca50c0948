// Inbound Move: an account says it moved. The target is fetched again from its
// own origin, never taken from the activity, so its alsoKnownAs is what that
// origin says; the service checks it and migrates the local followers.
import type { Move } from "@fedify/vocab";
import type { ParleyContext } from "../context.ts";
import { resolveAccount } from "../resolve/resolve-account.ts";
import { actorOf } from "./actor-of.ts";

/** Moves the sender's account (moveAccount) when the Move is about itself. */
export async function onMove(ctx: ParleyContext, move: Move): Promise<void> {
  const account = await actorOf(ctx, move);
  if (!account || move.objectId?.href !== account.uri || !move.targetId) return;
  const target = await resolveAccount(ctx, move.targetId, { refresh: true });
  if (!target || target.uri !== move.targetId.href) return;
  await ctx.data.services.moveAccount({ accountId: account.id, targetId: target.id });
}
