// Inbound Create of a post (Note, Question, Article, Page...). Stored only when
// it concerns someone here, as Mastodon does (ActivityPub::Activity::Create
// #related_to_local_activity?): the author has local followers, or it mentions
// or replies to a local account.
import { Object as APObject, type Create } from "@fedify/vocab";
import { findAccountsByUris, type AccountRow } from "../../db/queries/accounts.ts";
import { hasLocalFollowers } from "../../db/queries/follows.ts";
import type { RemoteStatusInput } from "../../src/domain/inputs.ts";
import type { ParleyContext } from "../context.ts";
import { noteToStatusInput } from "../mappers/note-to-status-input.ts";
import { storeRemoteStatus } from "../resolve/resolve-status.ts";
import { actorOf } from "./actor-of.ts";
import { objectOf } from "./object-of.ts";
import { takeVote } from "./poll-vote.ts";

async function concernsLocal(ctx: ParleyContext, author: AccountRow, input: RemoteStatusInput): Promise<boolean> {
  if (await hasLocalFollowers(ctx.data.db, author.id)) return true;
  const related = [...input.mentionUris, ...(input.inReplyToUri ? [input.inReplyToUri] : [])];
  if (related.some((uri) => ctx.data.uris.isLocal(uri))) return true;
  const known = await findAccountsByUris(ctx.data.db, input.mentionUris);
  return known.some((a) => a.domain === null);
}

/** Counts a vote on a local poll; else maps the object and stores it through createStatus when it concerns a local account. */
export async function onCreate(ctx: ParleyContext, create: Create): Promise<void> {
  const author = await actorOf(ctx, create);
  if (!author) return;
  // Default origin checks: an embedded object of another origin is fetched from its origin.
  const object = await objectOf(ctx, create);
  if (!(object instanceof APObject) || object.attributionId?.href !== author.uri) return;
  if (await takeVote(ctx, author, object)) return;
  const input = await noteToStatusInput(object, { authorFollowersUri: author.followers_url, contextLoader: ctx.contextLoader });
  if (!input || !(await concernsLocal(ctx, author, input))) return;
  await storeRemoteStatus(ctx, input, author);
}
