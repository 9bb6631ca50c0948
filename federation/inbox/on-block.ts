// Inbound Block: a remote account blocks a local one.
import type { Block } from "@fedify/vocab";
import type { ParleyContext } from "../context.ts";
import { actorOf, localAccountAt } from "./actor-of.ts";

/** Records the block through blockAccount, which removes follows both ways. */
export async function onBlock(ctx: ParleyContext, block: Block): Promise<void> {
  if (!block.id) return;
  const [actor, target] = await Promise.all([actorOf(ctx, block), localAccountAt(ctx, block.objectId)]);
  if (!actor || !target) return;
  await ctx.data.services.blockAccount({ accountId: actor.id, targetId: target.id, origin: "remote", uri: block.id.href });
}
