// Loads everything a page of statuses needs in a fixed number of queries,
// whatever the page's length (STYLE.md, principle 6): the reblogged originals,
// all authors, media, mentions, tags, preview cards, posting applications, one query for the
// viewer's flags, one for the viewer's votes in the page's polls and one for
// the viewer's active content filters.
import { type CompiledFilter, compileFilters, type FilterContext } from "../../src/domain/filters.ts";
import type { Id } from "../schema/index.ts";
import type { AccountRow } from "./accounts.ts";
import type { Executor } from "./executor.ts";
import { loadActiveFilters } from "./filters.ts";
import { findCardsOfStatuses, type PreviewCardRow } from "./preview-cards.ts";
import type { MediaRow, StatusRow } from "./statuses.ts";

export interface ViewerFlags {
  favourited: boolean;
  reblogged: boolean;
  bookmarked: boolean;
  pinned: boolean;
  /** The viewer muted notifications from the status's thread. */
  muted: boolean;
}

export interface PostingApplication {
  name: string;
  website: string | null;
}

export interface StatusPage {
  /** The page's statuses and the originals of its reblogs, by id. */
  statuses: Map<Id, StatusRow>;
  accounts: Map<Id, AccountRow>;
  media: Map<Id, MediaRow[]>;
  mentions: Map<Id, AccountRow[]>;
  tags: Map<Id, string[]>;
  /** The preview card of each status that has one. */
  cards: Map<Id, PreviewCardRow>;
  /** Who the page is loaded for; null when anonymous. */
  viewerId: Id | null;
  /** By application id. */
  applications: Map<Id, PostingApplication>;
  /** Absent without a viewer. */
  viewer: Map<Id, ViewerFlags>;
  /** The viewer's chosen options, by poll (status) id; absent without a viewer or a vote. */
  ownVotes: Map<Id, number[]>;
  /** The viewer's unexpired content filters; empty without a viewer. */
  filters: CompiledFilter[];
  /** Where the page is shown: statuses a "hide" filter of this context matches are left out. null: nowhere in particular. */
  context: FilterContext | null;
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/** Loads the page data for the given status rows, as seen by viewerId (or anonymously) in a filter context. */
export async function loadStatusPage(db: Executor, rows: readonly StatusRow[], viewerId: Id | null, context: FilterContext | null = null): Promise<StatusPage> {
  const statuses = new Map(rows.map((r) => [r.id, r]));
  const originalIds = [...new Set(rows.flatMap((r) => (r.reblog_of_id && !statuses.has(r.reblog_of_id) ? [r.reblog_of_id] : [])))];
  if (originalIds.length) {
    for (const row of await db.selectFrom("statuses").selectAll().where("id", "in", originalIds).execute()) statuses.set(row.id, row);
  }
  const ids = [...statuses.keys()];
  const authorIds = [...new Set([...statuses.values()].map((s) => s.account_id))];
  const applicationIds = [...new Set([...statuses.values()].flatMap((s) => (s.application_id ? [s.application_id] : [])))];
  const pollIds = [...statuses.values()].filter((s) => s.poll !== "null").map((s) => s.id);
  if (ids.length === 0) {
    return {
      statuses, accounts: new Map(), media: new Map(), mentions: new Map(), tags: new Map(), cards: new Map(), viewerId, applications: new Map(), viewer: new Map(), ownVotes: new Map(),
      filters: [], context,
    };
  }

  const [accounts, media, mentions, tags, cards, applications, flags, votes, filters] = await Promise.all([
    db.selectFrom("accounts").selectAll().where("id", "in", authorIds).execute(),
    db.selectFrom("media_attachments").selectAll().where("status_id", "in", ids).orderBy("position").execute(),
    db
      .selectFrom("mentions")
      .innerJoin("accounts", "accounts.id", "mentions.account_id")
      .selectAll("accounts")
      .select("mentions.status_id as mentioned_in")
      .where("mentions.status_id", "in", ids)
      .execute(),
    db
      .selectFrom("status_tags")
      .innerJoin("tags", "tags.id", "status_tags.tag_id")
      .select(["status_tags.status_id", "tags.display_name"])
      .where("status_tags.status_id", "in", ids)
      .execute(),
    findCardsOfStatuses(db, ids),
    applicationIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom("oauth_applications").select(["id", "name", "website"]).where("id", "in", applicationIds).execute(),
    viewerId === null
      ? Promise.resolve([])
      : db
        .selectFrom("statuses as s")
        .select((eb) => [
          "s.id",
          eb.exists(eb.selectFrom("favourites as f").select("f.id").whereRef("f.status_id", "=", "s.id").where("f.account_id", "=", viewerId)).as("favourited"),
          eb.exists(eb.selectFrom("statuses as r").select("r.id").whereRef("r.reblog_of_id", "=", "s.id").where("r.account_id", "=", viewerId)).as("reblogged"),
          eb.exists(eb.selectFrom("bookmarks as b").select("b.id").whereRef("b.status_id", "=", "s.id").where("b.account_id", "=", viewerId)).as("bookmarked"),
          eb.exists(eb.selectFrom("status_pins as p").select("p.id").whereRef("p.status_id", "=", "s.id").where("p.account_id", "=", viewerId)).as("pinned"),
          eb.exists(
            eb.selectFrom("conversation_mutes as m")
              .select("m.thread_id")
              .where("m.thread_id", "=", eb.fn.coalesce("s.thread_id", "s.id"))
              .where("m.account_id", "=", viewerId),
          ).as("muted"),
        ])
        .where("s.id", "in", ids)
        .execute(),
    viewerId === null || pollIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom("poll_votes").select(["status_id", "choice"]).where("account_id", "=", viewerId).where("status_id", "in", pollIds).orderBy("choice").execute(),
    viewerId === null ? Promise.resolve([]) : loadActiveFilters(db, viewerId, ids),
  ]);
  const truthy = (value: unknown) => value === true || value === 1 || value === "1";
  return {
    statuses,
    accounts: new Map(accounts.map((a) => [a.id, a])),
    media: groupBy(media, (m) => m.status_id!),
    mentions: new Map([...groupBy(mentions, (m) => m.mentioned_in)].map(([id, list]) => [id, list.map(({ mentioned_in: _, ...a }) => a)])),
    tags: new Map([...groupBy(tags, (t) => t.status_id)].map(([id, list]) => [id, list.map((t) => t.display_name)])),
    cards,
    viewerId,
    applications: new Map(applications.map((a) => [a.id, { name: a.name, website: a.website }])),
    viewer: new Map(flags.map((f) => [f.id, {
      favourited: truthy(f.favourited),
      reblogged: truthy(f.reblogged),
      bookmarked: truthy(f.bookmarked),
      pinned: truthy(f.pinned),
      muted: truthy(f.muted),
    }])),
    ownVotes: new Map([...groupBy(votes, (v) => v.status_id)].map(([id, list]) => [id, list.map((v) => v.choice)])),
    filters: compileFilters(filters),
    context,
  };
}
