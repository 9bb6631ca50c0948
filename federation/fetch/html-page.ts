// Fetching a linked web page for its preview card, through the same guard as
// ActivityPub documents (guarded-fetch.ts): the page is named by whoever wrote
// the status, so private, loopback, link-local and metadata addresses are
// refused on the address connected to, after every redirect. Only an HTML 200
// is read, cut at 1 MiB (the metadata is in the head, as Mastodon's
// LinkCrawler reads a truncated body).
import { FetchError } from "@fedify/vocab-runtime";
import type { PageFetch, PageFetcher } from "../../src/services/preview-cards/preview-card-fetches.ts";
import { type FetchPolicy, guardedFetch, isAddressRefusal, readCapped } from "./guarded-fetch.ts";

const MAX_PAGE_BYTES = 1024 * 1024;

// The charset the Content-Type names, else a <meta charset> early in the page, else UTF-8.
function decode(bytes: Buffer, contentType: string): string {
  const head = bytes.subarray(0, 1024).toString("latin1");
  const label = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** Fetches pages under the policy; refusals and pages that are no HTML are "none", passing failures "retry". */
export function htmlPageFetcher(policy: FetchPolicy): PageFetcher {
  const get = guardedFetch(policy);
  return async (url): Promise<PageFetch> => {
    try {
      const { response, url: final } = await get(url, { accept: "text/html" });
      if (response.status >= 500 || response.status === 429) {
        await response.body?.cancel();
        return { kind: "retry", reason: `HTTP ${response.status}` };
      }
      const contentType = response.headers.get("Content-Type") ?? "";
      if (response.status !== 200 || contentType.split(";")[0]!.trim().toLowerCase() !== "text/html") {
        await response.body?.cancel();
        return { kind: "none", reason: `HTTP ${response.status} ${contentType}` };
      }
      return { kind: "page", url: final.href, html: decode(await readCapped(response, final, MAX_PAGE_BYTES, { truncate: true }), contentType) };
    } catch (error) {
      if (error instanceof FetchError || isAddressRefusal(error) || (error instanceof TypeError && /Invalid URL/i.test(error.message))) {
        return { kind: "none", reason: `refused: ${(error as Error).message}` };
      }
      return { kind: "retry", reason: String(error) };
    }
  };
}
