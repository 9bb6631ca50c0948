// Row types of preview cards (migration 0011-preview-cards).
import type { Id, Millis } from "./index.ts";

export type PreviewCardType = "link" | "photo" | "video";

export interface PreviewCardsTable {
  id: Id;
  /** The page's address as shared (fragment removed); one card per address. */
  url: string;
  title: string;
  description: string;
  type: PreviewCardType;
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  /** Always empty: Parley embeds no third-party HTML. */
  html: string;
  width: number;
  height: number;
  /** The page's preview image, by reference. */
  image_url: string | null;
  embed_url: string;
  blurhash: string | null;
  language: string | null;
  published_at: Millis | null;
  created_at: Millis;
  /** When the page was last fetched. */
  updated_at: Millis;
}

export interface StatusPreviewCardsTable {
  status_id: Id;
  preview_card_id: Id;
}

/** A card to fetch for a status: its first shared link. */
export interface PreviewCardFetchesTable {
  status_id: Id;
  url: string;
  attempts: number;
  available_at: Millis;
  /** Set while a process fetches it; a stale lease is taken again. */
  locked_until: Millis | null;
  created_at: Millis;
}

export interface PreviewCardsTables {
  preview_cards: PreviewCardsTable;
  status_preview_cards: StatusPreviewCardsTable;
  preview_card_fetches: PreviewCardFetchesTable;
}
