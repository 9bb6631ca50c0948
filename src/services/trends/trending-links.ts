// Trending links: URLs shared in recent public statuses, ranked by how many
// accounts shared them, with a daily history and the link's preview card
// when one was fetched.
import { findPreviewCardByUrl, findPreviewCardsByUrls, type PreviewCardRow } from "../../../db/queries/preview-cards.ts";
import { listRecentStatusesWithLinks } from "../../../db/queries/trends.ts";
import type { TagDay } from "../../../db/queries/tag-follows.ts";
import { sharedLinks } from "../../domain/status-links.ts";
import type { ServiceDeps } from "../context.ts";

const DAY_MS = 86_400_000;
// At most this many statuses are read per request: trends of a small server fit, a big one is sampled.
const SCAN_CAP = 2_000;

export interface TrendingLink {
  url: string;
  accounts: number;
  uses: number;
  /** Today first. */
  history: TagDay[];
  card: PreviewCardRow | null;
}

// Every link shared in the last `days` days, most shared first.
async function rankLinks(deps: ServiceDeps, days: number, now: number): Promise<Omit<TrendingLink, "card">[]> {
  const today = Math.floor(now / DAY_MS);
  const since = (today - days + 1) * DAY_MS;
  const statuses = await listRecentStatusesWithLinks(deps.db, since, SCAN_CAP);
  const byUrl = new Map<string, { accounts: Set<string>; history: { day: number; uses: number; accounts: Set<string> }[] }>();
  for (const status of statuses) {
    const day = today - Math.floor(status.created_at / DAY_MS);
    for (const url of sharedLinks(status.content)) {
      let entry = byUrl.get(url);
      if (!entry) {
        entry = { accounts: new Set(), history: Array.from({ length: days }, (_, i) => ({ day: (today - i) * DAY_MS, uses: 0, accounts: new Set<string>() })) };
        byUrl.set(url, entry);
      }
      entry.accounts.add(status.account_id);
      const bucket = entry.history[day];
      if (bucket) {
        bucket.uses++;
        bucket.accounts.add(status.account_id);
      }
    }
  }
  return [...byUrl]
    .map(([url, e]) => ({
      url,
      accounts: e.accounts.size,
      uses: e.history.reduce((sum, d) => sum + d.uses, 0),
      history: e.history.map((d) => ({ day: d.day, uses: d.uses, accounts: d.accounts.size })),
    }))
    .sort((a, b) => b.accounts - a.accounts || b.uses - a.uses || a.url.localeCompare(b.url));
}

/** The most shared links of the last `days` days. */
export async function listTrendingLinks(deps: ServiceDeps, input: { days: number; limit: number; offset: number; now?: number }): Promise<TrendingLink[]> {
  const page = (await rankLinks(deps, input.days, input.now ?? Date.now())).slice(input.offset, input.offset + input.limit);
  const cards = await findPreviewCardsByUrls(deps.db, page.map((link) => link.url));
  return page.map((link) => ({ ...link, card: cards.get(link.url) ?? null }));
}

/** The card of a link shared in the last `days` days, or null: what the link timeline (timelines/link) shows statuses of. */
export async function findTrendingLinkCard(deps: ServiceDeps, input: { url: string; days: number; now?: number }): Promise<PreviewCardRow | null> {
  if (!URL.canParse(input.url)) return null;
  const url = new URL(input.url);
  url.hash = "";
  const ranked = await rankLinks(deps, input.days, input.now ?? Date.now());
  if (!ranked.some((link) => link.url === url.href)) return null;
  return (await findPreviewCardByUrl(deps.db, url.href)) ?? null;
}
