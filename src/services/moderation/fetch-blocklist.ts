// Fetching a blocklist from its URL: public addresses only outside tests
// (checked again after each redirect), a bounded number of redirects, a
// bounded size and time. The one outside fetch of federation controls.
import { validatePublicUrl } from "@fedify/vocab-runtime";

export const MAX_BLOCKLIST_BYTES = 2 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 20_000;

export interface FetchOptions {
  /** Lets the URL be on a private or loopback address: tests only. */
  allowPrivateAddress: boolean;
}

async function readBounded(response: Response): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_BLOCKLIST_BYTES) throw new Error(`the list is larger than ${MAX_BLOCKLIST_BYTES} bytes`);
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BLOCKLIST_BYTES) {
      await reader.cancel();
      throw new Error(`the list is larger than ${MAX_BLOCKLIST_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The text at url; throws with a message fit for the operator when it can't be had. */
export async function fetchBlocklist(url: string, options: FetchOptions): Promise<string> {
  let target = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (target.protocol !== "https:" && !(options.allowPrivateAddress && target.protocol === "http:")) throw new Error(`not an https URL: ${target.href}`);
    if (!options.allowPrivateAddress) await validatePublicUrl(target.href);
    const response = await fetch(target, { redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: "text/csv, text/plain;q=0.9, */*;q=0.1" } });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      target = new URL(location, target);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`the server answered ${response.status}`);
    }
    return readBounded(response);
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects`);
}
