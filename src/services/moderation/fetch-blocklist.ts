// Fetching a blocklist from its URL through Parley's guarded fetch
// (federation/fetch/guarded-fetch.ts, ADR 19): public addresses only outside
// tests, checked on the address connected to, after every redirect; a bounded
// number of redirects, size and time. https only outside tests.
import { guardedFetch, readCapped } from "../../../federation/fetch/guarded-fetch.ts";

export const MAX_BLOCKLIST_BYTES = 2 * 1024 * 1024;

export interface FetchOptions {
  /** Lets the URL be plain http on a private or loopback address: tests only. */
  allowPrivateAddress: boolean;
  userAgent?: string;
}

/** The text at url; throws with a message fit for the operator when it can't be had. */
export async function fetchBlocklist(url: string, options: FetchOptions): Promise<string> {
  const target = new URL(url);
  if (target.protocol !== "https:" && !options.allowPrivateAddress) throw new Error(`not an https URL: ${target.href}`);
  const fetch = guardedFetch({ allowPrivateAddress: options.allowPrivateAddress, userAgent: options.userAgent ?? "Parley" });
  const { response, url: from } = await fetch(target, { accept: "text/csv, text/plain;q=0.9, */*;q=0.1" });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`the server answered ${response.status}`);
  }
  return (await readCapped(response, from, MAX_BLOCKLIST_BYTES)).toString("utf8");
}
