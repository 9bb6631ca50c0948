// Inbound Accept: a remote account accepted a local user's follow request,
// or an instance tells the outcome of a report Parley forwarded to it.
import type { Accept } from "@fedify/vocab";
import type { ParleyContext } from "../context.ts";
import { actorOf } from "./actor-of.ts";
import { followOfAnswer } from "./follow-of-answer.ts";
import { onFlagOutcome } from "./on-flag-outcome.ts";

/** Turns the matching request into a follow through acceptFollowRequest. */
export async function onAccept(ctx: ParleyContext, accept: Accept): Promise<void> {
  if (await onFlagOutcome(ctx, accept)) return;
  const target = await actorOf(ctx, accept);
  if (!target) return;
  const follow = await followOfAnswer(ctx, accept, target.id);
  if (!follow) return;
  await ctx.data.services.acceptFollowRequest({ followerId: follow.account_id, targetId: target.id, origin: "remote" });
}
