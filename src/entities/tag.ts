// Hashtags as Mastodon's Tag entity (with seven days of history) and
// FeaturedTag entity.
import type { FeaturedTagRow } from "../../db/queries/featured-tags.ts";
import type { TagDay } from "../../db/queries/tag-follows.ts";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { type EntityContext, isoTime } from "./context.ts";

export interface TagEntity {
  id: string;
  name: string;
  url: string;
  history: { day: string; uses: string; accounts: string }[];
  following?: boolean;
  featuring?: boolean;
}

/** A tag's public page on this instance. */
export function tagUrl(ctx: EntityContext, name: string): string {
  return `${ctx.uris.origin}/tags/${encodeURIComponent(name.toLowerCase())}`;
}

/** Serializes a tag (an unsaved one has id ""); the viewer's flags only when signed in. */
export function serializeTag(
  ctx: EntityContext,
  tag: { id: string; name: string },
  history: readonly TagDay[],
  viewer?: { following: boolean; featuring: boolean },
): TagEntity {
  return {
    id: tag.id,
    name: tag.name,
    url: tagUrl(ctx, tag.name),
    // Mastodon writes the numbers of the history as strings, the day in seconds.
    history: history.map((d) => ({ day: String(d.day / 1000), uses: String(d.uses), accounts: String(d.accounts) })),
    ...(viewer ?? {}),
  };
}

/** Serializes a featured tag of an account; the URL lists the account's posts with it. */
export function serializeFeaturedTag(ctx: EntityContext, owner: AccountRow, featured: FeaturedTagRow) {
  const profile = owner.domain === null ? ctx.uris.profileUrl(owner.username) : (owner.url ?? owner.uri);
  return {
    id: featured.id,
    name: featured.name,
    url: `${profile}/tagged/${encodeURIComponent(featured.name)}`,
    statuses_count: String(featured.statuses_count),
    last_status_at: featured.last_status_at === null ? null : isoTime(featured.last_status_at).slice(0, 10),
  };
}
