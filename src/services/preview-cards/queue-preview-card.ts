// Which link of a status gets a preview card, decided inside the status's
// write (create or edit, local or remote alike): its first shared link
// (mentions and hashtags are not shared links) that is not on this server
// and not longer than Mastodon's BYTESIZE_LIMIT (a card's URL is indexed).
// The fetch itself happens later, off the request (preview-card-fetches.ts).
import { clearStatusCard, findStatusCardUrl, queuePreviewCardFetch } from "../../../db/queries/preview-cards.ts";
import type { Id } from "../../../db/schema/index.ts";
import { sharedLinks } from "../../domain/status-links.ts";
import type { ServiceDeps, Tx } from "../context.ts";

// Mastodon's FetchLinkCardService::BYTESIZE_LIMIT: longer URLs overflow a PostgreSQL btree entry.
const MAX_URL_BYTES = 2692;

/** The link a status's card is made from, or null. */
export function cardLinkOf(deps: ServiceDeps, html: string): string | null {
  return sharedLinks(html).find((url) => !deps.uris.isLocal(url) && Buffer.byteLength(url) <= MAX_URL_BYTES) ?? null;
}

/** Queues the card fetch of a status's first link; an edit that changes the link drops the old card. */
export async function queuePreviewCard(deps: ServiceDeps, tx: Tx, statusId: Id, html: string): Promise<void> {
  const url = cardLinkOf(deps, html);
  if (url !== null && (await findStatusCardUrl(tx, statusId)) === url) return;
  await clearStatusCard(tx, statusId);
  if (url !== null) await queuePreviewCardFetch(tx, statusId, url, Date.now());
}
