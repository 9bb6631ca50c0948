// The one place Parley fetches remote ActivityPub documents (actors, keys,
// posts, JSON-LD contexts): Fedify's loaders are replaced by these so every
// rule of docs/adr/0019-hostile-input.md holds: an ActivityStreams media type,
// at most 1 MiB, a bounded number of redirects, and only public addresses,
// checked on the address actually connected to (after every redirect, and
// whatever DNS answers between a check and the connection).
import { isIP } from "node:net";
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress } from "node:dns";
import { kvCache, type KvStore, signRequest } from "@fedify/fedify";
import {
  type AuthenticatedDocumentLoaderFactory,
  type DocumentLoader,
  type DocumentLoaderFactory,
  FetchError,
  isValidPublicIPv4Address,
  isValidPublicIPv6Address,
  preloadedContexts,
  type RemoteDocument,
} from "@fedify/vocab-runtime";
import { Agent } from "undici";

export const MAX_DOCUMENT_BYTES = 1024 * 1024;
export const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 15_000;

/** Where documents may come from. */
export interface FetchPolicy {
  /** Development and tests: any address. Never in production. */
  allowPrivateAddress: boolean;
  /** Private addresses reachable all the same (as Mastodon's ALLOWED_PRIVATE_ADDRESSES). */
  allowedAddresses?: readonly string[];
  /** Name resolution; node:dns by default, replaced in tests. */
  lookup?: (hostname: string) => Promise<LookupAddress[]>;
  userAgent: string;
}

type Sign = (request: Request) => Promise<Request>;
type Accepts = (contentType: string) => boolean;

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
  // Connections of a policy that refuses private addresses go through an
  // agent whose name resolution refuses them: the check is on the address used.
  const dispatcher = policy.allowPrivateAddress ? undefined : new Agent({ connect: { lookup: guardedLookup(policy) } });
  return async (url, accepts, sign, signal) => {
    let current = new URL(url);
    for (let hops = 0; ; hops++) {
      assertFetchable(current, policy);
      let request = new Request(current, {
        headers: { Accept: 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"', "User-Agent": policy.userAgent },
        redirect: "manual",
      });
      if (sign) request = await sign(request);
      const response = await fetch(request, {
        redirect: "manual",
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS),
        ...(dispatcher ? { dispatcher } : {}),
      } as RequestInit);
      const location = response.headers.get("Location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (hops >= MAX_REDIRECTS) throw new FetchError(current, `Too many redirects (over ${MAX_REDIRECTS})`);
        current = new URL(location, current);
        continue;
      }
      if (!response.ok) throw new FetchError(current, `HTTP ${response.status}: ${current.href}`, response);
      const contentType = response.headers.get("Content-Type") ?? "";
      if (!accepts(contentType)) {
        await response.body?.cancel();
        throw new FetchError(current, `Not an ActivityStreams document (${contentType || "no media type"}): ${current.href}`);
      }
      const text = await readCapped(response, current);
      return { contextUrl: null, document: JSON.parse(text), documentUrl: current.href };
    }
  };
}

/** Mastodon's rule (JsonLdHelper#valid_activitypub_content_type?): activity+json, or ld+json with the ActivityStreams profile. */
function isActivityStreams(contentType: string): boolean {
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

function assertFetchable(url: URL, policy: FetchPolicy): void {
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new FetchError(url, `Unsupported protocol: ${url.protocol}`);
  // An IP literal is connected to without name resolution: check it here.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!policy.allowPrivateAddress && isIP(host) !== 0 && !isAllowedAddress(host, policy)) {
    throw new FetchError(url, `Refusing private address ${host}`);
  }
}

/** Whether the loader may connect to an address under the policy. */
export function isAllowedAddress(address: string, policy: FetchPolicy): boolean {
  if (policy.allowPrivateAddress || policy.allowedAddresses?.includes(address)) return true;
  const family = isIP(address);
  return (family === 4 && isValidPublicIPv4Address(address)) || (family === 6 && isValidPublicIPv6Address(address));
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

// A net-style lookup that resolves once and refuses the connection when any
// answer is private: what is checked is exactly what is connected to.
function guardedLookup(policy: FetchPolicy) {
  const resolve = policy.lookup ?? ((hostname: string) => dnsLookup(hostname, { all: true }));
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname).then((addresses) => {
      const refused = addresses.find((a) => !isAllowedAddress(a.address, policy));
      if (addresses.length === 0 || refused) {
        const error: NodeJS.ErrnoException = new Error(`Refusing ${hostname}: ${refused ? `private address ${refused.address}` : "no address"}`);
        error.code = "EACCES";
        callback(error, "");
      } else if (options.all) {
        callback(null, addresses);
      } else {
        callback(null, addresses[0]!.address, addresses[0]!.family);
      }
    }, (error: NodeJS.ErrnoException) => callback(error, ""));
  };
}

// Reads the body up to the cap; a longer one is abandoned, never buffered whole.
async function readCapped(response: Response, url: URL): Promise<string> {
  const declared = Number(response.headers.get("Content-Length") ?? "0");
  if (declared > MAX_DOCUMENT_BYTES) {
    await response.body?.cancel();
    throw new FetchError(url, `Document too large (${declared} bytes): ${url.href}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_DOCUMENT_BYTES) {
      await reader.cancel();
      throw new FetchError(url, `Document too large (over ${MAX_DOCUMENT_BYTES} bytes): ${url.href}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
