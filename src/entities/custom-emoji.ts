// Custom emoji as Mastodon's CustomEmoji entity (remote ones by reference).
import type { CustomEmoji } from "../../db/schema/index.ts";

export interface CustomEmojiEntity {
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
}

/** Serializes stored emoji JSON. */
export function serializeEmojis(json: string): CustomEmojiEntity[] {
  return (JSON.parse(json) as CustomEmoji[]).map((e) => ({ shortcode: e.shortcode, url: e.url, static_url: e.url, visible_in_picker: false }));
}
