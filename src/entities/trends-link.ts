// Trending links as Mastodon's Trends::Link (a PreviewCard with a history).
// A link whose card was not fetched (yet, or could not be) shows as its
// address: the title is the URL without its scheme, the provider is its site.
import type { TrendingLink } from "../services/trends/trending-links.ts";
import { type PreviewCardEntity, serializePreviewCard } from "./preview-card.ts";

function addressCard(address: string): PreviewCardEntity {
  const url = new URL(address);
  const site = url.origin;
  return {
    url: address,
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
    embed_url: address,
    blurhash: null,
    language: null,
    published_at: null,
  };
}

/** Serializes a trending link. */
export function serializeTrendsLink(link: TrendingLink) {
  return {
    ...(link.card ? serializePreviewCard(link.card) : addressCard(link.url)),
    // Mastodon writes the figures as strings, the day in seconds.
    history: link.history.map((d) => ({ day: String(d.day / 1000), uses: String(d.uses), accounts: String(d.accounts) })),
  };
}
