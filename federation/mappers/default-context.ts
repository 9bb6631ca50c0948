// The JSON-LD context Parley assumes for documents that do not declare the
// usual ones, before handing them to Fedify's parser.

export const ACTIVITYSTREAMS_CONTEXT = "https://www.w3.org/ns/activitystreams";
export const SECURITY_CONTEXT = "https://w3id.org/security/v1";

// The extension terms Mastodon declares in its documents
// (https://docs.joinmastodon.org/spec/activitypub/), plus the quote terms of
// Misskey and Fedibird: the vocabulary a context-less document most likely means.
const MASTODON_TERMS = {
  toot: "http://joinmastodon.org/ns#",
  schema: "http://schema.org#",
  misskey: "https://misskey-hub.net/ns#",
  fedibird: "http://fedibird.com/ns#",
  manuallyApprovesFollowers: "as:manuallyApprovesFollowers",
  sensitive: "as:sensitive",
  Hashtag: "as:Hashtag",
  movedTo: { "@id": "as:movedTo", "@type": "@id" },
  quoteUrl: "as:quoteUrl",
  Emoji: "toot:Emoji",
  featured: { "@id": "toot:featured", "@type": "@id" },
  featuredTags: { "@id": "toot:featuredTags", "@type": "@id" },
  discoverable: "toot:discoverable",
  indexable: "toot:indexable",
  blurhash: "toot:blurhash",
  focalPoint: { "@container": "@list", "@id": "toot:focalPoint" },
  votersCount: "toot:votersCount",
  PropertyValue: "schema:PropertyValue",
  value: "schema:value",
  _misskey_quote: "misskey:_misskey_quote",
  quoteUri: "fedibird:quoteUri",
};

/**
 * Returns the document with the contexts it lacks. Mastodon ignores @context
 * and reads compacted keys (ActivityPub::ProcessAccountService reads
 * `publicKey` whatever the document declares); a JSON-LD parser instead drops
 * every key no context defines, so a Lemmy object sent without @context, or an
 * actor that declares only ActivityStreams yet sends `publicKey`, would lose
 * them. So: a document without @context is read with Mastodon's contexts; a
 * document with one gets ActivityStreams and security put in front when it
 * does not list them, and its own contexts, coming after, keep the last word.
 * Expanded documents (top-level arrays) are returned unchanged.
 */
export function withDefaultContext(json: unknown): unknown {
  if (typeof json !== "object" || json == null || Array.isArray(json)) return json;
  const document = json as Record<string, unknown>;
  const declared = document["@context"];
  if (declared == null) {
    return { ...document, "@context": [ACTIVITYSTREAMS_CONTEXT, SECURITY_CONTEXT, MASTODON_TERMS] };
  }
  const contexts = Array.isArray(declared) ? declared : [declared];
  const missing = [ACTIVITYSTREAMS_CONTEXT, SECURITY_CONTEXT].filter((url) => !contexts.includes(url));
  if (missing.length === 0) return json;
  return { ...document, "@context": [...missing, ...contexts] };
}
