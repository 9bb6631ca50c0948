// The one place Parley fetches remote ActivityPub documents (actors, keys,
// posts, JSON-LD contexts): Fedify's loaders are replaced by these so every
// rule of docs/adr/0019-hostile-input.md holds: an ActivityStreams media type,
// at most 1 MiB, a bounded number of redirects, and only public addresses,
// checked on the address actually connected to (after every redirect, and
// whatever DNS answers between a check and the connection).
import { kvCache, type KvStore, signRequest } from "@fedify/fedify";
import {
  type AuthenticatedDocumentLoaderFactory,
  type DocumentLoader,
  type DocumentLoaderFactory,
  FetchError,
  preloadedContexts,
  type RemoteDocument,
} from "@fedify/vocab-runtime";
import { Parser } from "htmlparser2";
import { type FetchPolicy, guardedFetch, readCapped, type Sign } from "./guarded-fetch.ts";

export const MAX_DOCUMENT_BYTES = 1024 * 1024;
export { type FetchPolicy, isAllowedAddress, MAX_REDIRECTS } from "./guarded-fetch.ts";

type Accepts = (contentType: string) => boolean;

const AS_ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

/** The loaders to give createFederation: documents (cached in kv as Fedify's are), contexts, signed fetches. */
export function documentLoaders(policy: FetchPolicy, kv: KvStore): {
  document: DocumentLoaderFactory;
  context: DocumentLoaderFactory;
  authenticated: AuthenticatedDocumentLoaderFactory;
} {
  const load = guardedLoader(policy);
  const document = kvCache({ loader: (url, options) => load(url, isActivityStreams, null, options?.signal), kv, prefix: ["_fedify", "remoteDocument"] });
  const context: DocumentLoader = (url, options) =>
    url in preloadedContexts
      ? Promise.resolve({ contextUrl: null, document: preloadedContexts[url], documentUrl: url })
      : load(url, isJsonLd, null, options?.signal);
  return {
    document: () => document,
    context: () => context,
    authenticated: (identity) => (url, options) =>
      load(url, isActivityStreams, (request) => signRequest(request, identity.privateKey, identity.keyId), options?.signal),
  };
}

/** Loads one document under the policy; throws FetchError (with the response for HTTP errors) or the refusal. */
export function guardedLoader(policy: FetchPolicy): (url: string, accepts: Accepts, sign: Sign | null, signal?: AbortSignal) => Promise<RemoteDocument> {
  const get = guardedFetch(policy);
  return async (url, accepts, sign, signal) => {
    let target: string | URL = url;
    for (let alternates = 0; ; alternates++) {
      const { response, url: current } = await get(target, { accept: AS_ACCEPT, sign, signal });
      if (!response.ok) throw new FetchError(current, `HTTP ${response.status}: ${current.href}`, response);
      const contentType = response.headers.get("Content-Type") ?? "";
      if (accepts(contentType)) {
        const text = (await readCapped(response, current, MAX_DOCUMENT_BYTES)).toString("utf8");
        return { contextUrl: null, document: JSON.parse(text), documentUrl: current.href };
      }
      // A web page may name its ActivityStreams document; that one is taken,
      // as Mastodon's FetchResourceService does, but never a second page.
      const page = alternates === 0 && accepts === isActivityStreams && /^text\/html\s*(;|$)/i.test(contentType);
      const alternate = page ? alternateOf((await readCapped(response, current, MAX_DOCUMENT_BYTES)).toString("utf8"), current) : null;
      if (!alternate) {
        await response.body?.cancel().catch(() => undefined);
        throw new FetchError(current, `Not an ActivityStreams document (${contentType || "no media type"}): ${current.href}`);
      }
      target = alternate;
    }
  };
}

/** The first <link rel="alternate"> of a page to an ActivityStreams document. */
function alternateOf(html: string, base: URL): URL | null {
  let found: URL | null = null;
  const parser = new Parser({
    onopentag(name, attribs) {
      if (found || name !== "link" || !attribs.href || !isActivityStreams(attribs.type ?? "")) return;
      if ((attribs.rel ?? "").toLowerCase().split(/\s+/).includes("alternate")) found = URL.parse(attribs.href, base);
    },
  });
  parser.end(html);
  return found;
}

/** Mastodon's rule (JsonLdHelper#valid_activitypub_content_type?): activity+json, or ld+json with the ActivityStreams profile. */
export function isActivityStreams(contentType: string): boolean {
  const [type, ...params] = contentType.split(";").map((p) => p.trim());
  if (type?.toLowerCase() === "application/activity+json") return true;
  if (type?.toLowerCase() !== "application/ld+json") return false;
  return params.some((p) => /^profile=/i.test(p) && p.slice(8).replace(/^"|"$/g, "").split(/\s+/).includes("https://www.w3.org/ns/activitystreams"));
}

/** JSON-LD contexts come as ld+json (any profile), activity+json or plain JSON. */
function isJsonLd(contentType: string): boolean {
  const type = contentType.split(";")[0]?.trim().toLowerCase();
  return type === "application/ld+json" || type === "application/activity+json" || type === "application/json";
}
