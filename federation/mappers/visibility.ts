// Visibility of a remote post, read from its addressing.
import { PUBLIC_COLLECTION } from "@fedify/vocab";
import type { Visibility } from "../../db/schema/index.ts";

/** Addressing of a post: the ids in its to and cc, and the id used to resolve relative ones. */
export interface Addressing {
  objectId: URL | null;
  to: readonly URL[];
  cc: readonly URL[];
}

/**
 * Public in `to` is public, Public in `cc` only is unlisted, the author's
 * followers collection is private, anything else direct. This is Mastodon's
 * rule (ActivityPub::Parser::StatusParser#visibility), with one difference:
 * Mastodon looks for the followers collection in `to` only; we also accept it
 * in `cc`, since a post that reaches the followers is not a direct message.
 */
export function visibilityOf(addressing: Addressing, authorFollowersUri: string | null): Visibility {
  const isPublic = (url: URL) => isPublicCollection(url, addressing.objectId);
  if (addressing.to.some(isPublic)) return "public";
  if (addressing.cc.some(isPublic)) return "unlisted";
  if (authorFollowersUri != null) {
    const followers = URL.parse(authorFollowersUri)?.href;
    if ([...addressing.to, ...addressing.cc].some((url) => url.href === followers)) return "private";
  }
  return "direct";
}

/**
 * True for the public collection in any of its spellings. JSON-LD expansion
 * already turns "as:Public" into the full IRI, but a bare "Public" (which
 * Mastodon also accepts, ActivityPub::TagManager#public_collection?) is not a
 * term of the ActivityStreams context, so Fedify resolves it against the base
 * of the document it came in (the object's or its activity's id), giving
 * e.g. https://example.com/users/a/statuses/1/Public on the author's origin.
 */
export function isPublicCollection(url: URL, objectId: URL | null): boolean {
  if (url.href === PUBLIC_COLLECTION.href) return true;
  return objectId != null && url.origin === objectId.origin && url.pathname.endsWith("/Public") &&
    url.search === "" && url.hash === "";
}
