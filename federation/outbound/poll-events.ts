// Poll events of local origin as activities, as Mastodon sends them: new
// counts (or the end) of a local poll as Update(Question) to its audience and
// remote voters; a local vote in a remote poll as one Create(Note) per chosen
// option, named after it, in reply to the Question, to its author only.
import { Create, Note, Update } from "@fedify/vocab";
import { findAccountById } from "../../db/queries/accounts.ts";
import { findPollVotesByIds, findRemoteVoterInboxes, pollOf } from "../../db/queries/polls.ts";
import { loadStatusParts } from "../../db/queries/status-parts.ts";
import { findStatusById } from "../../db/queries/statuses.ts";
import type { DomainEvent } from "../../src/domain/events.ts";
import type { ParleyContext } from "../context.ts";
import { addressingOf, statusToNote } from "../mappers/status-to-note.ts";
import { remoteRecipients, toRecipient } from "./recipients.ts";
import { send } from "./send.ts";
import { audienceOf } from "./status-events.ts";

type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>;

/** A local poll's current state as Update(Question). */
export async function onPollUpdated(ctx: ParleyContext, event: Of<"poll.updated">): Promise<void> {
  const status = await findStatusById(ctx.data.db, event.statusId);
  const parts = status && status.local === 1 ? await loadStatusParts(ctx.data.db, status) : undefined;
  if (!status || !parts || !pollOf(status)) return;
  const { to, cc } = addressingOf(ctx, parts);
  const activity = new Update({
    id: new URL(event.activityId),
    actor: ctx.getActorUri(parts.author.username),
    tos: to,
    ccs: cc,
    object: statusToNote(ctx, parts),
  });
  const voters = remoteRecipients(await findRemoteVoterInboxes(ctx.data.db, status.id));
  await send(ctx, parts.author.username, [...(await audienceOf(ctx, parts)), ...voters], activity);
}

/** A local account's vote in a remote poll, one Create(Note) per chosen option. */
export async function onPollVoted(ctx: ParleyContext, event: Of<"poll.voted">): Promise<void> {
  const { db } = ctx.data;
  const [status, voter] = await Promise.all([findStatusById(db, event.statusId), findAccountById(db, event.accountId)]);
  const poll = status && pollOf(status);
  const author = status ? await findAccountById(db, status.account_id) : undefined;
  if (!status || !poll || !voter || voter.domain !== null || !author || author.domain === null) return;
  const actor = ctx.getActorUri(voter.username);
  for (const vote of await findPollVotesByIds(db, event.voteIds)) {
    const option = poll.options[vote.choice];
    if (!option || !vote.uri) continue;
    const note = new Note({ id: new URL(vote.uri), attribution: actor, name: option.title, replyTarget: new URL(status.uri), to: new URL(author.uri) });
    const activity = new Create({ id: new URL(`${vote.uri}/activity`), actor, to: new URL(author.uri), object: note });
    await send(ctx, voter.username, [toRecipient(author)], activity);
  }
}
