// Announcements as Mastodon's Announcement entity, with the viewer's read
// flag and the reactions counted per emoji.
import type { AnnouncementRow, ReactionCount } from "../../db/queries/announcements.ts";
import { extractHashtags } from "../domain/status-text.ts";
import { type EntityContext, isoTime } from "./context.ts";
import { tagUrl } from "./tag.ts";

/** Serializes a reaction (custom emoji carry their image URLs). */
export function serializeReaction(reaction: ReactionCount) {
  return {
    name: reaction.name,
    count: reaction.count,
    me: reaction.me,
    ...(reaction.url ? { url: reaction.url, static_url: reaction.staticUrl ?? reaction.url } : {}),
  };
}

/** Serializes an announcement as the viewer sees it. */
export function serializeAnnouncement(ctx: EntityContext, row: AnnouncementRow, viewer: { read: boolean; reactions: readonly ReactionCount[] }) {
  return {
    id: row.id,
    content: row.content,
    starts_at: row.starts_at === null ? null : isoTime(row.starts_at),
    ends_at: row.ends_at === null ? null : isoTime(row.ends_at),
    all_day: row.all_day === 1,
    published_at: isoTime(row.published_at),
    updated_at: isoTime(row.updated_at),
    read: viewer.read,
    mentions: [],
    statuses: [],
    tags: extractHashtags(row.text).map((name) => ({ name: name.toLowerCase(), url: tagUrl(ctx, name) })),
    emojis: [],
    reactions: viewer.reactions.map(serializeReaction),
  };
}
