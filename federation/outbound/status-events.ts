// Status events of local origin as activities: Create(Note) or Announce for a
// new status or reblog, Update(Note) for an edit, Delete or Undo(Announce).
import { Announce, Create, Delete, Tombstone, Undo, Update, PUBLIC_COLLECTION } from "@fedify/vocab";
import { findAccountById, findAccountsByIds } from "../../db/queries/accounts.ts";
import { loadStatusParts, type StatusParts } from "../../db/queries/status-parts.ts";
import { findStatusById, type StatusRow } from "../../db/queries/statuses.ts";
import type { Recipient } from "@fedify/vocab";
import type { DomainEvent } from "../../src/domain/events.ts";
import type { ParleyContext } from "../context.ts";
import { instantAt } from "../mappers/instant.ts";
import { addressingOf, statusToNote } from "../mappers/status-to-note.ts";
import { followerRecipients, remoteRecipients } from "./recipients.ts";
import { send } from "./send.ts";

type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>;

/** Followers (unless direct), remote mentions and a remote parent's author; never a suspended account. */
export async function audienceOf(ctx: ParleyContext, parts: StatusParts): Promise<Recipient[]> {
  const { db } = ctx.data;
  const extra = parts.status.in_reply_to_account_id && parts.status.visibility !== "direct"
    ? await findAccountsByIds(db, [parts.status.in_reply_to_account_id])
    : [];
  const followers = parts.status.visibility === "direct" ? [] : await followerRecipients(db, parts.author.id);
  const reachable = <A extends { suspended_at: number | null }>(accounts: readonly A[]) => accounts.filter((a) => a.suspended_at === null);
  return [...followers, ...remoteRecipients(reachable(parts.mentions)), ...remoteRecipients(reachable(extra))];
}

async function announce(ctx: ParleyContext, reblog: StatusRow): Promise<void> {
  const [parts, original] = await Promise.all([loadStatusParts(ctx.data.db, reblog), findStatusById(ctx.data.db, reblog.reblog_of_id!)]);
  if (!parts || !original) return;
  const originalAuthor = await findAccountById(ctx.data.db, original.account_id);
  const followers = ctx.getFollowersUri(parts.author.username);
  const activity = new Announce({
    id: new URL(reblog.uri),
    actor: ctx.getActorUri(parts.author.username),
    object: new URL(original.uri),
    published: instantAt(reblog.created_at),
    tos: reblog.visibility === "private" ? [followers] : [PUBLIC_COLLECTION],
    ccs: [...(reblog.visibility === "private" ? [] : [followers]), ...(originalAuthor ? [new URL(originalAuthor.uri)] : [])],
  });
  const recipients = [...(await followerRecipients(ctx.data.db, parts.author.id)), ...remoteRecipients(originalAuthor ? [originalAuthor] : [])];
  await send(ctx, parts.author.username, recipients, activity);
}

/** A new local status as Create(Note), a new local reblog as Announce. */
export async function onStatusCreated(ctx: ParleyContext, event: Of<"status.created">): Promise<void> {
  const status = await findStatusById(ctx.data.db, event.statusId);
  if (!status) return;
  if (status.reblog_of_id) return announce(ctx, status);
  const parts = await loadStatusParts(ctx.data.db, status);
  if (!parts) return;
  const { to, cc } = addressingOf(ctx, parts);
  const activity = new Create({
    id: new URL(`${status.uri}/activity`),
    actor: ctx.getActorUri(parts.author.username),
    published: instantAt(status.created_at),
    tos: to,
    ccs: cc,
    object: statusToNote(ctx, parts),
  });
  await send(ctx, parts.author.username, await audienceOf(ctx, parts), activity);
}

/** A local edit as Update(Note), to the same audience as the original. */
export async function onStatusUpdated(ctx: ParleyContext, event: Of<"status.updated">): Promise<void> {
  const status = await findStatusById(ctx.data.db, event.statusId);
  const parts = status && (await loadStatusParts(ctx.data.db, status));
  if (!status || !parts) return;
  const { to, cc } = addressingOf(ctx, parts);
  const activity = new Update({
    id: new URL(`${status.uri}#updates/${status.edited_at ?? status.updated_at}`),
    actor: ctx.getActorUri(parts.author.username),
    updated: instantAt(status.edited_at ?? status.updated_at),
    tos: to,
    ccs: cc,
    object: statusToNote(ctx, parts),
  });
  await send(ctx, parts.author.username, await audienceOf(ctx, parts), activity);
}

/** A local delete as Delete(Tombstone); a removed reblog as Undo(Announce). */
export async function onStatusDeleted(ctx: ParleyContext, event: Of<"status.deleted">): Promise<void> {
  const { db } = ctx.data;
  const author = await findAccountById(db, event.accountId);
  if (!author) return;
  const actor = ctx.getActorUri(author.username);
  const mentioned = await findAccountsByIds(db, event.mentionedAccountIds);
  const followers = event.visibility === "direct" ? [] : await followerRecipients(db, author.id);
  const recipients = [...followers, ...remoteRecipients(mentioned)];
  const to = event.visibility === "direct" ? mentioned.map((m) => new URL(m.uri)) : [PUBLIC_COLLECTION];
  const activity = event.reblogOfUri
    ? new Undo({
      id: new URL(event.activityId),
      actor,
      tos: to,
      object: new Announce({ id: new URL(event.uri), actor, object: new URL(event.reblogOfUri) }),
    })
    : new Delete({ id: new URL(event.activityId), actor, tos: to, object: new Tombstone({ id: new URL(event.uri) }) });
  await send(ctx, author.username, recipients, activity);
}
