// Custom emoji as Mastodon's CustomEmoji entity (remote ones by reference).
import type { CustomEmojiRow } from "../../db/queries/custom-emojis.ts";
import type { CustomEmoji } from "../../db/schema/index.ts";

export interface CustomEmojiEntity {
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
  category?: string | null;
}

/** Serializes stored emoji JSON. */
export function serializeEmojis(json: string): CustomEmojiEntity[] {
  return (JSON.parse(json) as CustomEmoji[]).map((e) => ({ shortcode: e.shortcode, url: e.url, static_url: e.url, visible_in_picker: false }));
}

/** Serializes one of the instance's own emoji (GET /api/v1/custom_emojis). */
export function serializeCustomEmoji(row: CustomEmojiRow): CustomEmojiEntity {
  return { shortcode: row.shortcode, url: row.url, static_url: row.static_url, visible_in_picker: row.visible_in_picker === 1, category: row.category };
}
