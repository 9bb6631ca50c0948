// Inbound Reject: a remote account declined (or ended) a local user's follow.
import type { Reject } from "@fedify/vocab";
import type { ParleyContext } from "../context.ts";
import { actorOf } from "./actor-of.ts";
import { followOfAnswer } from "./follow-of-answer.ts";

/** Removes the matching request or follow through rejectFollowRequest. */
export async function onReject(ctx: ParleyContext, reject: Reject): Promise<void> {
  const target = await actorOf(ctx, reject);
  if (!target) return;
  const follow = await followOfAnswer(ctx, reject, target.id);
  if (!follow) return;
  await ctx.data.services.rejectFollowRequest({ followerId: follow.account_id, targetId: target.id, origin: "remote" });
}
