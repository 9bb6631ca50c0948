// The `tag` property of posts and actors: mentions, hashtags, custom emoji
// and FEP-e232 object links (quotes).
import { Emoji, Hashtag, Link, Mention, type Object as APObject } from "@fedify/vocab";
import type { CustomEmoji } from "../../db/schema/index.ts";
import { collect, getterOptions, type MapperOptions, readField } from "./read-safely.ts";
import { hrefOf, httpUrl } from "./urls.ts";

/** The tags Parley understands, read from one object. */
export interface TagsReading {
  mentionUris: string[];
  /** Hashtag names without '#', as written, without case-insensitive duplicates. */
  hashtags: string[];
  emojis: CustomEmoji[];
  /** Target of the first FEP-e232 link to an ActivityStreams object, the newer way to quote. */
  objectLinkUri: string | null;
}

// Enough for any real post; a document with more is not worth reading whole.
const MAX_TAGS = 500;
/** Mentions kept per post or actor, so a post cannot notify thousands (ADR 19). */
export const MAX_MENTIONS = 100;

// Media types FEP-e232 allows for a link to an ActivityStreams object.
const ACTIVITY_STREAMS_MEDIA_TYPES = [
  "application/activity+json",
  'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
];

/** No tags: what a post whose tags cannot be read has. */
export function noTags(): TagsReading {
  return { mentionUris: [], hashtags: [], emojis: [], objectLinkUri: null };
}

/** Reads an object's tags. Embedded tags are the author's own claims, so cross-origin ones are kept. */
export async function readTags(object: APObject, options: MapperOptions): Promise<TagsReading> {
  const tags = await collect(object.id, "tag", () => object.getTags(getterOptions(options, "trust")), MAX_TAGS);
  const reading = noTags();
  const seenTags = new Set<string>();
  const seenEmoji = new Set<string>();
  for (const tag of tags) {
    if (tag instanceof Mention) {
      const uri = httpUrl(tag.href);
      if (uri != null && reading.mentionUris.length < MAX_MENTIONS && !reading.mentionUris.includes(uri)) reading.mentionUris.push(uri);
    } else if (tag instanceof Hashtag) {
      const name = hashtagName(tag.name?.toString());
      if (name != null && !seenTags.has(name.toLowerCase())) {
        seenTags.add(name.toLowerCase());
        reading.hashtags.push(name);
      }
    } else if (tag instanceof Emoji) {
      const emoji = await readField(object.id, "tag.Emoji", () => emojiOf(tag, options), null);
      if (emoji != null && !seenEmoji.has(emoji.shortcode)) {
        seenEmoji.add(emoji.shortcode);
        reading.emojis.push(emoji);
      }
    } else if (tag instanceof Link && reading.objectLinkUri == null && isActivityStreamsLink(tag)) {
      reading.objectLinkUri = httpUrl(hrefOf(tag));
    }
  }
  return reading;
}

function hashtagName(raw: string | undefined): string | null {
  const name = raw?.trim().replace(/^#+/, "").trim();
  // A tag name is one word; anything with spaces or markup is not one.
  return name && !/[\s<>#]/.test(name) ? name.slice(0, 200) : null;
}

async function emojiOf(tag: Emoji, options: MapperOptions): Promise<CustomEmoji | null> {
  // Mastodon strips the colons (ActivityPub::Activity::Create#process_emoji).
  const shortcode = tag.name?.toString().trim().replace(/^:+|:+$/g, "");
  if (!shortcode || !/^[\w+.-]{1,100}$/.test(shortcode)) return null;
  const icon = await tag.getIcon(getterOptions(options, "trust"));
  const url = httpUrl(hrefOf(icon?.url));
  return url == null ? null : { shortcode, url };
}

function isActivityStreamsLink(link: Link): boolean {
  const mediaType = link.mediaType?.replace(/\s*;\s*/g, "; ").trim();
  return mediaType != null && ACTIVITY_STREAMS_MEDIA_TYPES.includes(mediaType);
}
