// Inbound Announce: a remote account boosts a post. The post is taken from
// our records or fetched from its own origin, never trusted from the Announce.
import { PUBLIC_COLLECTION, type Announce } from "@fedify/vocab";
import { hasLocalFollowers } from "../../db/queries/follows.ts";
import type { ParleyContext } from "../context.ts";
import { resolveStatus } from "../resolve/resolve-status.ts";
import { actorOf } from "./actor-of.ts";

/** Records the reblog through reblogStatus when a local account follows the booster or wrote the post. */
export async function onAnnounce(ctx: ParleyContext, announce: Announce): Promise<void> {
  if (!announce.id || !announce.objectId) return;
  const actor = await actorOf(ctx, announce);
  if (!actor) return;
  const local = ctx.data.uris.isLocal(announce.objectId.href);
  if (!local && !(await hasLocalFollowers(ctx.data.db, actor.id))) return;
  const status = await resolveStatus(ctx, announce.objectId);
  if (!status) return;
  const addressed = [...announce.toIds, ...announce.ccIds].map((u) => u.href);
  const visibility = announce.toIds.some((u) => u.href === PUBLIC_COLLECTION.href)
    ? "public"
    : addressed.includes(PUBLIC_COLLECTION.href) ? "unlisted" : "private";
  await ctx.data.services.reblogStatus({
    accountId: actor.id,
    statusId: status.id,
    origin: "remote",
    uri: announce.id.href,
    visibility,
    ...(announce.published ? { createdAt: announce.published.epochMilliseconds } : {}),
  });
}
