// Relationship events of local origin as activities: Follow, Accept, Reject,
// Undo(Follow), Like, Undo(Like), Block, Undo(Block). Each goes to the one
// remote account concerned.
import { Accept, Block, Follow, Like, Reject, Undo } from "@fedify/vocab";
import { type AccountRow, findAccountById } from "../../db/queries/accounts.ts";
import { findStatusById } from "../../db/queries/statuses.ts";
import type { Id } from "../../db/schema/index.ts";
import type { DomainEvent } from "../../src/domain/events.ts";
import type { ParleyContext } from "../context.ts";
import { toRecipient } from "./recipients.ts";
import { send } from "./send.ts";

type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>;

async function pair(ctx: ParleyContext, localId: Id, remoteId: Id): Promise<[AccountRow, AccountRow] | null> {
  const [local, remote] = await Promise.all([findAccountById(ctx.data.db, localId), findAccountById(ctx.data.db, remoteId)]);
  return local && remote && local.domain === null && remote.domain !== null ? [local, remote] : null;
}

function followOf(event: { uri: string }, follower: AccountRow, target: AccountRow): Follow {
  return new Follow({ id: new URL(event.uri), actor: new URL(follower.uri), object: new URL(target.uri) });
}

/** A local user's follow request to a remote account. */
export async function onFollowRequested(ctx: ParleyContext, event: Of<"follow.requested">): Promise<void> {
  const accounts = await pair(ctx, event.followerId, event.targetId);
  if (!accounts) return;
  const [follower, target] = accounts;
  await send(ctx, follower.username, [toRecipient(target)], followOf(event, follower, target));
}

/** A local account's answer (Accept or Reject) to a remote follower. */
export async function onFollowAnswered(ctx: ParleyContext, event: Of<"follow.accepted" | "follow.rejected">): Promise<void> {
  const accounts = await pair(ctx, event.targetId, event.followerId);
  if (!accounts) return;
  const [target, follower] = accounts;
  const Answer = event.type === "follow.accepted" ? Accept : Reject;
  const activity = new Answer({ id: new URL(event.activityId), actor: new URL(target.uri), object: followOf(event, follower, target) });
  await send(ctx, target.username, [toRecipient(follower)], activity);
}

/** A local user's unfollow of a remote account. */
export async function onFollowUndone(ctx: ParleyContext, event: Of<"follow.undone">): Promise<void> {
  const accounts = await pair(ctx, event.followerId, event.targetId);
  if (!accounts) return;
  const [follower, target] = accounts;
  const activity = new Undo({ id: new URL(event.activityId), actor: new URL(follower.uri), object: followOf(event, follower, target) });
  await send(ctx, follower.username, [toRecipient(target)], activity);
}

/** A local favourite (or its removal) of a remote account's status. */
export async function onFavourite(ctx: ParleyContext, event: Of<"favourite.created" | "favourite.removed">): Promise<void> {
  const status = await findStatusById(ctx.data.db, event.statusId);
  if (!status) return;
  const accounts = await pair(ctx, event.accountId, status.account_id);
  if (!accounts) return;
  const [liker, author] = accounts;
  const like = new Like({ id: new URL(event.uri), actor: new URL(liker.uri), object: new URL(status.uri) });
  const activity = event.type === "favourite.created"
    ? like
    : new Undo({ id: new URL(event.activityId), actor: new URL(liker.uri), object: like });
  await send(ctx, liker.username, [toRecipient(author)], activity);
}

/** A local block (or its removal) of a remote account. */
export async function onBlock(ctx: ParleyContext, event: Of<"block.created" | "block.removed">): Promise<void> {
  const accounts = await pair(ctx, event.accountId, event.targetId);
  if (!accounts) return;
  const [blocker, target] = accounts;
  const block = new Block({ id: new URL(event.uri), actor: new URL(blocker.uri), object: new URL(target.uri) });
  const activity = event.type === "block.created"
    ? block
    : new Undo({ id: new URL(event.activityId), actor: new URL(blocker.uri), object: block });
  await send(ctx, blocker.username, [toRecipient(target)], activity);
}
