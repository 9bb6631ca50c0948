// WebFinger lookups of handles (acct:user@host) under the same policy as
// every other fetch (docs/adr/0019-hostile-input.md): Fedify's own lookup
// checks addresses only before connecting and reads answers of any size.
import { type FetchPolicy, guardedFetch, readCapped } from "./guarded-fetch.ts";
import { isActivityStreams } from "./document-loader.ts";

// A WebFinger answer is a few hundred bytes; this is far above any real one.
export const MAX_WEBFINGER_BYTES = 64 * 1024;
const JRD_TYPES = ["application/jrd+json", "application/json"];

/** The actor URI a handle's host gives for it, or null. */
export type WebFinger = (resource: string) => Promise<URL | null>;

interface JrdLink {
  rel?: unknown;
  type?: unknown;
  href?: unknown;
}

/** Looks up acct:user@host at https://host/.well-known/webfinger and returns its ActivityStreams self link. */
export function webFingerLookup(policy: FetchPolicy): WebFinger {
  const get = guardedFetch(policy);
  return async (resource) => {
    const host = /^acct:[^@/]+@([^@/?#]+)$/.exec(resource)?.[1];
    if (!host) return null;
    const url = new URL(`https://${host}/.well-known/webfinger`);
    url.searchParams.set("resource", resource);
    const { response, url: answered } = await get(url, { accept: "application/jrd+json" });
    const type = response.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase() ?? "";
    if (!response.ok || !JRD_TYPES.includes(type)) {
      await response.body?.cancel();
      return null;
    }
    const jrd = JSON.parse((await readCapped(response, answered, MAX_WEBFINGER_BYTES)).toString("utf8")) as { links?: unknown };
    const links = (Array.isArray(jrd?.links) ? jrd.links : []) as JrdLink[];
    const self = links.find((l) => l?.rel === "self" && typeof l.type === "string" && isActivityStreams(l.type) && typeof l.href === "string");
    return self ? URL.parse(self.href as string) : null;
  };
}
