// Inbound Flag outcome (Parley's extension, ADR 23): the instance a report
// was forwarded to accepts its Flag, naming the action it took. The Accept
// listener hands these over before looking for a follow request.
import type { Accept } from "@fedify/vocab";
import { INSTANCE_ACTOR } from "../../src/domain/instance-actor.ts";
import type { ParleyContext } from "../context.ts";
import { outcomeAction } from "../mappers/report-flag.ts";
import { actorOf } from "./actor-of.ts";

/** Whether the Accept is about a Flag Parley sent; if so, records the outcome it tells. */
export async function onFlagOutcome(ctx: ParleyContext, accept: Accept): Promise<boolean> {
  const flagUri = accept.objectId;
  // Forwarded Flags have ids under the instance actor: <actor>#flag/<report id>.
  if (!flagUri || !flagUri.href.startsWith(`${ctx.getActorUri(INSTANCE_ACTOR).href}#flag/`)) return false;
  const sender = await actorOf(ctx, accept);
  if (sender) await ctx.data.services.recordRemoteOutcome({ flagUri: flagUri.href, senderId: sender.id, actionTaken: outcomeAction(accept) });
  return true;
}
