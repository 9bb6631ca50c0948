// Votes on local polls arrive as Create(Note): a Note named after the chosen
// option, in reply to the Question (Mastodon's ActivityPub::Activity::Create
// #poll_vote?). They are counted, never shown as statuses.
import { Note, type Object as APObject } from "@fedify/vocab";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { pollOf } from "../../db/queries/polls.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import type { ParleyContext } from "../context.ts";

/** Records the object as a vote when it is one on a local poll; false when it is an ordinary post. */
export async function takeVote(ctx: ParleyContext, voter: AccountRow, object: APObject): Promise<boolean> {
  const name = object instanceof Note ? object.name?.toString() : undefined;
  const target = object.replyTargetId;
  if (!name || !object.id || !target || !ctx.data.uris.isLocal(target.href)) return false;
  const status = await findStatusByUri(ctx.data.db, target.href);
  const poll = status && status.local === 1 ? pollOf(status) : null;
  const choice = poll ? poll.options.findIndex((o) => o.title === name) : -1;
  if (!status || choice < 0) return false;
  // A late, repeated or otherwise refused vote is dropped; it is a vote all the same.
  await ctx.data.services.voteInPoll({ accountId: voter.id, statusId: status.id, choices: [choice], origin: "remote", uri: object.id.href });
  return true;
}
