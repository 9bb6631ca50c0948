// Finds the status behind an object URI: a known one, or a remote one fetched
// from its own origin and stored through createStatus (the one creation path).
// A reply whose parent is unknown pulls the parent, up to a bounded depth.
import { Object as APObject } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { type AccountRow, findAccountsByUris } from "../../db/queries/accounts.ts";
import { findStatusByUri, type StatusRow } from "../../db/queries/statuses.ts";
import type { RemoteStatusInput } from "../../src/domain/inputs.ts";
import type { ParleyContext } from "../context.ts";
import { noteToStatusInput } from "../mappers/note-to-status-input.ts";
import { resolveAccount } from "./resolve-account.ts";
import { domainPolicy } from "../../src/services/moderation/federation-policy.ts";
import { lookupRemote, withoutRejectedMedia } from "./lookup-remote.ts";

const logger = getLogger(["parley", "federation", "resolve"]);
const MAX_PARENT_DEPTH = 8;
const MAX_MENTION_FETCHES = 10;

/** Accounts of mentioned actors: known ones, plus a bounded number fetched now. */
async function resolveMentions(ctx: ParleyContext, uris: string[]): Promise<AccountRow[]> {
  const unique = [...new Set(uris)].slice(0, 100);
  const known = await findAccountsByUris(ctx.data.db, unique);
  const missing = unique.filter((u) => !known.some((k) => k.uri === u) && !ctx.data.uris.isLocal(u));
  for (const uri of missing.slice(0, MAX_MENTION_FETCHES)) {
    const account = await resolveAccount(ctx, new URL(uri));
    if (account) known.push(account);
  }
  return known.filter((a) => a.deleted_at === null);
}

/** Maps an object whose author is already known into a stored status (or the known one). */
export async function storeRemoteObject(ctx: ParleyContext, object: APObject, author: AccountRow, depth = 0): Promise<StatusRow | null> {
  const input = await noteToStatusInput(object, { authorFollowersUri: author.followers_url, contextLoader: ctx.contextLoader });
  if (!input) return null;
  return storeRemoteStatus(ctx, input, author, depth);
}

/** Stores a mapped remote status: resolves its parent and mentions, then createStatus. */
export async function storeRemoteStatus(ctx: ParleyContext, input: RemoteStatusInput, author: AccountRow, depth = 0): Promise<StatusRow | null> {
  // A known status needs no parent or mentions resolved (they may be fetched).
  // With none to resolve, createStatus's own check for the URI is enough.
  if (input.inReplyToUri || input.mentionUris.length > 0) {
    const existing = await findStatusByUri(ctx.data.db, input.uri);
    if (existing) return existing;
  }
  // An object may only be attributed to an actor of its own origin.
  if (new URL(input.uri).origin !== new URL(author.uri).origin || input.authorUri !== author.uri) return null;
  const host = new URL(author.uri).host;
  if ((await domainPolicy(ctx.data.db, host)).refused) return null;
  input = await withoutRejectedMedia(ctx, host, input);
  const parent = input.inReplyToUri && depth < MAX_PARENT_DEPTH
    ? await resolveStatus(ctx, new URL(input.inReplyToUri), depth + 1)
    : null;
  const mentions = await resolveMentions(ctx, input.mentionUris);
  const created = await ctx.data.services.createStatus({
    origin: "remote",
    accountId: author.id,
    uri: input.uri,
    url: input.url,
    objectType: input.objectType,
    content: input.content,
    name: input.name,
    spoilerText: input.spoilerText,
    sensitive: input.sensitive,
    visibility: input.visibility,
    language: input.language,
    inReplyToId: parent?.id ?? null,
    inReplyToUri: input.inReplyToUri,
    mentionAccountIds: mentions.map((m) => m.id),
    tagNames: input.tags,
    emojis: input.emojis,
    attachments: input.attachments,
    poll: input.poll,
    createdAt: input.published,
    editedAt: input.updated,
  });
  if (created.ok) return created.value;
  // Known already, or a concurrent delivery of the same object won the race.
  return (await findStatusByUri(ctx.data.db, input.uri)) ?? null;
}

/** The status of an object URI, fetching and storing it when unknown. */
export async function resolveStatus(ctx: ParleyContext, uri: URL, depth = 0): Promise<StatusRow | null> {
  const known = await findStatusByUri(ctx.data.db, uri.href);
  if (known || ctx.data.uris.isLocal(uri.href)) return known ?? null;
  try {
    const object = await lookupRemote(ctx, uri.href);
    if (!(object instanceof APObject) || object.id?.origin !== uri.origin || !object.attributionId) return null;
    const author = await resolveAccount(ctx, object.attributionId);
    return author ? await storeRemoteObject(ctx, object, author, depth) : null;
  } catch (error) {
    logger.info("Could not fetch object {uri}: {error}", { uri: uri.href, error });
    return null;
  }
}
