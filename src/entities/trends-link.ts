// Trending links as Mastodon's Trends::Link (a PreviewCard with a history).
// Parley fetches no preview cards yet, so a link shows as its address: the
// title is the URL without its scheme, the provider is its site.
import type { TrendingLink } from "../services/trends/trending-links.ts";

/** Serializes a trending link. */
export function serializeTrendsLink(link: TrendingLink) {
  const url = new URL(link.url);
  const site = url.origin;
  return {
    url: link.url,
    title: `${url.host}${url.pathname === "/" ? "" : url.pathname}${url.search}`,
    description: "",
    type: "link",
    author_name: "",
    // The contract types these as URIs, so the site stands in where a card would name an author.
    author_url: site,
    authors: [],
    provider_name: url.host,
    provider_url: site,
    html: "",
    width: 0,
    height: 0,
    image: null,
    embed_url: link.url,
    blurhash: null,
    published_at: null,
    // Mastodon writes the figures as strings, the day in seconds.
    history: link.history.map((d) => ({ day: String(d.day / 1000), uses: String(d.uses), accounts: String(d.accounts) })),
  };
}
