// Inbound Follow: a remote actor follows a local account.
import type { Follow } from "@fedify/vocab";
import type { ParleyContext } from "../context.ts";
import { actorOf, localAccountAt } from "./actor-of.ts";

/** Hands the follow to followAccount; the Accept goes out through the outbox. */
export async function onFollow(ctx: ParleyContext, follow: Follow): Promise<void> {
  if (!follow.id) return;
  const [follower, target] = await Promise.all([actorOf(ctx, follow), localAccountAt(ctx, follow.objectId)]);
  if (!follower || !target) return;
  await ctx.data.services.followAccount({ followerId: follower.id, targetId: target.id, origin: "remote", uri: follow.id.href });
}
