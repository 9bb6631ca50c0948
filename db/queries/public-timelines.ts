// The public, hashtag and link timelines: public statuses only, never reblogs,
// read from the statuses table (Mastodon's PublicFeed, TagFeed and LinkFeed).
import { sql } from "kysely";
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import { moderatedAccountIds } from "./moderated-accounts.ts";
import type { StatusRow } from "./statuses.ts";
import { type IdRange, notHiddenFrom, withinRange } from "./timelines.ts";

export interface PublicTimelineFilter {
  /** Blocks either way, mutes and domain blocks hide statuses; null for anonymous readers. */
  viewerId: Id | null;
  local: boolean;
  remote: boolean;
  onlyMedia: boolean;
}

export interface TagFilter {
  /** At least one of these tags (lowercased names). */
  any: readonly string[];
  /** Every one of these. */
  all: readonly string[];
  /** None of these. */
  none: readonly string[];
}

function publicStatuses(db: Executor, filter: PublicTimelineFilter) {
  let query = db
    .selectFrom("statuses as s")
    .selectAll("s")
    .where("s.visibility", "=", "public")
    .where("s.held_at", "is", null)
    .where("s.reblog_of_id", "is", null)
    // Suspended and silenced accounts stay out of public timelines, followed or not (Mastodon's PublicFeed).
    .where("s.account_id", "not in", moderatedAccountIds(db, null));
  if (filter.local) query = query.where("s.local", "=", 1);
  if (filter.remote) query = query.where("s.local", "=", 0);
  if (filter.onlyMedia) {
    query = query.where(({ exists, selectFrom }) => exists(selectFrom("media_attachments as m").select("m.id").whereRef("m.status_id", "=", "s.id")));
  }
  if (filter.viewerId) query = query.where(notHiddenFrom(db, filter.viewerId, sql.ref("s.account_id")));
  return query;
}

/** A page of the public timeline: no replies to others, as Mastodon's PublicFeed. */
export function pagePublicTimeline(db: Executor, filter: PublicTimelineFilter, range: IdRange): Promise<StatusRow[]> {
  const query = publicStatuses(db, filter).where((eb) =>
    eb.or([eb("s.in_reply_to_uri", "is", null), eb("s.in_reply_to_account_id", "=", eb.ref("s.account_id"))])
  );
  return withinRange(query, "s.id", range).execute() as Promise<StatusRow[]>;
}

/** A page of a hashtag timeline (replies included, as Mastodon's TagFeed). */
export function pageTagTimeline(db: Executor, filter: PublicTimelineFilter, tags: TagFilter, range: IdRange): Promise<StatusRow[]> {
  const tagged = (names: readonly string[]) =>
    db
      .selectFrom("status_tags as st")
      .innerJoin("tags as t", "t.id", "st.tag_id")
      .select("st.status_id")
      .where("st.status_id", "=", sql.ref<Id>("s.id"))
      .where("t.name", "in", names);
  let query = publicStatuses(db, filter).where(({ exists }) => exists(tagged(tags.any)));
  for (const name of tags.all) query = query.where(({ exists }) => exists(tagged([name])));
  if (tags.none.length) query = query.where(({ exists, not }) => not(exists(tagged(tags.none))));
  return withinRange(query, "s.id", range).execute() as Promise<StatusRow[]>;
}

/** A page of a link timeline: public statuses showing the card, by accounts that opted in to discovery (Mastodon's LinkFeed). */
export function pageLinkTimeline(db: Executor, filter: PublicTimelineFilter, cardId: Id, range: IdRange): Promise<StatusRow[]> {
  const query = publicStatuses(db, filter)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("status_preview_cards as sc").select("sc.status_id").whereRef("sc.status_id", "=", "s.id").where("sc.preview_card_id", "=", cardId))
    )
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("accounts as a").select("a.id").whereRef("a.id", "=", "s.account_id").where("a.discoverable", "=", 1))
    );
  return withinRange(query, "s.id", range).execute() as Promise<StatusRow[]>;
}
