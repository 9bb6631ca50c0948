// Fetching from addresses that remote content names, under one policy
// (docs/adr/0019-hostile-input.md): http(s) only, a bounded number of
// redirects followed by hand, a time limit, and only public addresses,
// checked on the address actually connected to (after every redirect, and
// whatever DNS answers between a check and the connection). ActivityPub
// documents (document-loader.ts) and preview card pages (html-page.ts) both
// come through here.
import { isIP } from "node:net";
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress } from "node:dns";
import { FetchError, isValidPublicIPv4Address, isValidPublicIPv6Address } from "@fedify/vocab-runtime";
import { Agent } from "undici";

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

export type Sign = (request: Request) => Promise<Request>;

/** A guarded GET: the response that is not a redirect, and the URL it came from. */
export type GuardedFetch = (url: string | URL, init: { accept: string; sign?: Sign | null; signal?: AbortSignal }) => Promise<{ response: Response; url: URL }>;

/** A fetch under the policy; refusals and too many redirects throw FetchError, the connection's refusal a TypeError. */
export function guardedFetch(policy: FetchPolicy): GuardedFetch {
  // Connections of a policy that refuses private addresses go through an
  // agent whose name resolution refuses them: the check is on the address used.
  const dispatcher = policy.allowPrivateAddress ? undefined : new Agent({ connect: { lookup: guardedLookup(policy) } });
  return async (url, { accept, sign, signal }) => {
    let current = new URL(url);
    for (let hops = 0; ; hops++) {
      assertFetchable(current, policy);
      let request = new Request(current, { headers: { Accept: accept, "User-Agent": policy.userAgent }, redirect: "manual" });
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
      return { response, url: current };
    }
  };
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

/** Whether an error is the connection's refusal of a private address (guardedLookup's EACCES). */
export function isAddressRefusal(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  return cause?.code === "EACCES";
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

/**
 * Reads a body up to maxBytes; a longer one is abandoned, never buffered whole:
 * refused (FetchError) or, with `truncate`, cut at the cap.
 */
export async function readCapped(response: Response, url: URL, maxBytes: number, { truncate = false } = {}): Promise<Buffer> {
  const declared = Number(response.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes && !truncate) {
    await response.body?.cancel();
    throw new FetchError(url, `Document too large (${declared} bytes): ${url.href}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      if (!truncate) throw new FetchError(url, `Document too large (over ${maxBytes} bytes): ${url.href}`);
      chunks.push(value.subarray(0, value.byteLength - (size - maxBytes)));
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
