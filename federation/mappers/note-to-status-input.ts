// A remote post (Note, Question, Article, Page, ...) as the input of
// createStatus(), the one path that creates statuses (STYLE.md, principle 1).
import { Activity, Collection, getTypeId, isActor, type Object as APObject, Question, Tombstone } from "@fedify/vocab";
import type { RemoteStatusInput } from "../../src/domain/inputs.ts";
import { readAttachments } from "./attachments.ts";
import { readPoll } from "./poll.ts";
import { type MapperOptions, readField } from "./read-safely.ts";
import { readStatusText } from "./status-content.ts";
import { noTags, readTags, type TagsReading } from "./tags.ts";
import { httpUrl, pageUrl } from "./urls.ts";
import { visibilityOf } from "./visibility.ts";

/** What noteToStatusInput needs besides the object. */
export interface NoteMapperOptions extends MapperOptions {
  /** The author's followers collection, which makes a post followers-only. */
  authorFollowersUri: string | null;
  /**
   * The object's JSON as received, for Mastodon extensions Fedify does not
   * model (attachments' blurhash and focalPoint). When absent, the JSON that
   * Fedify kept from parsing is used, which it keeps for top-level documents
   * only, so embedded objects then come without those two.
   */
  json?: unknown;
  /** The clock, for a post without a publication time; Date.now by default. */
  now?: () => number;
}

/**
 * Maps a remote post to the input of createStatus(), with every HTML field
 * sanitized (docs/adr/0006-remote-html.md). Returns null for what is not a
 * post (activities other than Question, actors, collections, tombstones) and
 * for objects without an id or attributedTo. Each field is read on its own,
 * so one malformed property never loses the post.
 */
export async function noteToStatusInput(object: APObject, options: NoteMapperOptions): Promise<RemoteStatusInput | null> {
  if (!isPost(object)) return null;
  const id = object.id;
  const uri = httpUrl(id);
  const authorUri = httpUrl(await readField(id, "attributedTo", () => object.attributionIds[0] ?? null, null));
  if (id == null || uri == null || authorUri == null) return null;

  const now = options.now ?? Date.now;
  const url = await readField(id, "url", () => pageUrl(object.urls), null);
  const text = await readField(id, "content", () => readStatusText(object, url ?? uri), null);
  const tags = await readField(id, "tag", () => readTags(object, options), noTags());
  const spoilerText = text?.spoilerText ?? "";
  return {
    uri,
    url,
    authorUri,
    objectType: await readField(id, "type", () => objectTypeOf(object), "Object"),
    content: text?.content ?? "",
    name: text?.name ?? null,
    spoilerText,
    sensitive: (await readField(id, "sensitive", () => object.sensitive ?? false, false)) || spoilerText !== "",
    visibility: await readField(id, "to", () => visibilityOf({ objectId: id, to: object.toIds, cc: object.ccIds }, options.authorFollowersUri), "direct"),
    language: text?.language ?? null,
    inReplyToUri: await readField(id, "inReplyTo", () => httpUrl(object.replyTargetId), null),
    mentionUris: tags.mentionUris,
    tags: tags.hashtags,
    emojis: tags.emojis,
    attachments: await readField(id, "attachment", () => readAttachments(object, () => options.json ?? receivedJson(object, options), options), []),
    poll: object instanceof Question ? await readField(id, "oneOf", () => readPoll(object, options, now()), null) : null,
    quoteUri: await readField(id, "quote", () => quoteUriOf(object, tags), null),
    published: await readField(id, "published", () => object.published?.epochMilliseconds ?? now(), now()),
    updated: await readField(id, "updated", () => object.updated?.epochMilliseconds ?? null, null),
  };
}

// Fedify keeps the JSON a top-level document was parsed from and returns it
// from toJsonLd(); for an embedded object it compacts its own model instead.
function receivedJson(object: APObject, options: MapperOptions): Promise<unknown> {
  return object.toJsonLd(options.contextLoader ? { contextLoader: options.contextLoader } : {});
}

function isPost(object: APObject): boolean {
  if (object instanceof Question) return true;
  return !(object instanceof Activity || object instanceof Collection || object instanceof Tombstone || isActor(object));
}

/** The ActivityStreams type name, e.g. Note; a vocabulary's own type keeps its local name. */
function objectTypeOf(object: APObject): string {
  const typeId = getTypeId(object);
  if (typeId == null) return "Object";
  return typeId.hash !== "" ? typeId.hash.slice(1) : typeId.pathname.split("/").at(-1) || "Object";
}

/**
 * The quoted post: FEP-044f `quote`, then `quoteUrl` (Fedify reads
 * as:quoteUrl, Misskey's _misskey_quote and Fedibird's quoteUri into it), in
 * the order Mastodon tries them (ActivityPub::Parser::StatusParser#quote_uri);
 * then a FEP-e232 link to an ActivityStreams object among the tags.
 */
function quoteUriOf(object: APObject, tags: TagsReading): string | null {
  // Only Fedify's Note, Article, Question and ChatMessage have these properties.
  if ("quoteUrl" in object) {
    const quoting = object as APObject & { quoteId: URL | null; quoteUrl: URL | null };
    const quote = httpUrl(quoting.quoteId) ?? httpUrl(quoting.quoteUrl);
    if (quote != null) return quote;
  }
  return tags.objectLinkUri;
}
