// Trending links: URLs shared in recent public statuses, ranked by how many
// accounts shared them, with a daily history. Without preview cards (not
// fetched yet) a link is known only by its URL.
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
}

/** The most shared links of the last `days` days. */
export async function listTrendingLinks(deps: ServiceDeps, input: { days: number; limit: number; offset: number; now?: number }): Promise<TrendingLink[]> {
  const now = input.now ?? Date.now();
  const today = Math.floor(now / DAY_MS);
  const since = (today - input.days + 1) * DAY_MS;
  const statuses = await listRecentStatusesWithLinks(deps.db, since, SCAN_CAP);
  const byUrl = new Map<string, { accounts: Set<string>; history: { day: number; uses: number; accounts: Set<string> }[] }>();
  for (const status of statuses) {
    const day = today - Math.floor(status.created_at / DAY_MS);
    for (const url of sharedLinks(status.content)) {
      let entry = byUrl.get(url);
      if (!entry) {
        entry = { accounts: new Set(), history: Array.from({ length: input.days }, (_, i) => ({ day: (today - i) * DAY_MS, uses: 0, accounts: new Set<string>() })) };
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
    .sort((a, b) => b.accounts - a.accounts || b.uses - a.uses || a.url.localeCompare(b.url))
    .slice(input.offset, input.offset + input.limit);
}
