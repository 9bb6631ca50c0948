// Preview cards as Mastodon's PreviewCard entity (docs: entities/PreviewCard).
import type { PreviewCardRow } from "../../db/queries/preview-cards.ts";

export interface PreviewCardEntity {
  url: string;
  title: string;
  description: string;
  type: string;
  author_name: string;
  author_url: string;
  authors: { name: string; url: string; account: null }[];
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
  image: string | null;
  embed_url: string;
  blurhash: string | null;
  language: string | null;
  published_at: string | null;
}

/** Serializes a stored card. */
export function serializePreviewCard(card: PreviewCardRow): PreviewCardEntity {
  // The contract types author_url as a URI, so the site stands in when the page names no author link.
  const authorUrl = card.author_url || card.provider_url;
  return {
    url: card.url,
    title: card.title,
    description: card.description,
    type: card.type,
    author_name: card.author_name,
    author_url: authorUrl,
    authors: card.author_name ? [{ name: card.author_name, url: authorUrl, account: null }] : [],
    provider_name: card.provider_name,
    provider_url: card.provider_url,
    html: card.html,
    width: card.width,
    height: card.height,
    image: card.image_url,
    embed_url: card.embed_url,
    blurhash: card.blurhash,
    language: card.language,
    published_at: card.published_at === null ? null : new Date(card.published_at).toISOString(),
  };
}
