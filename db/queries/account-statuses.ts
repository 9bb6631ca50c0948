// An account's statuses as a given viewer may list them (GET
// /api/v1/accounts/:id/statuses), one keyset page per query. The rules are
// Mastodon's AccountStatusesFilter.
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import { hiddenAccountIds } from "./hidden-accounts.ts";
import type { StatusRow } from "./statuses.ts";
import type { IdRange } from "./timelines.ts";

/** Who is looking: the author, anyone signed in (following or not), or nobody. */
export type StatusesViewer = { kind: "author" } | { kind: "anonymous" } | { kind: "account"; id: Id; following: boolean };

export interface AccountStatusFilters {
  /** Only the statuses the account pinned to its profile. */
  pinned: boolean;
  excludeReplies: boolean;
  excludeReblogs: boolean;
  onlyMedia: boolean;
  /** A hashtag name, lowercased. */
  tagged: string | null;
}

/** A page of an account's statuses and reblogs visible to the viewer, newest first unless ascending. */
export function pageAccountStatuses(
  db: Executor,
  accountId: Id,
  viewer: StatusesViewer,
  filters: AccountStatusFilters,
  range: IdRange,
): Promise<StatusRow[]> {
  let query = db
    .selectFrom("statuses as s")
    .selectAll("s")
    .where("s.account_id", "=", accountId)
    .orderBy("s.id", range.ascending ? "asc" : "desc")
    .limit(range.limit);
  // A status held for review shows to its author only.
  if (viewer.kind !== "author") query = query.where("s.held_at", "is", null);
  if (viewer.kind === "anonymous") query = query.where("s.visibility", "in", ["public", "unlisted"]);
  if (viewer.kind === "account") {
    const open = viewer.following ? (["public", "unlisted", "private"] as const) : (["public", "unlisted"] as const);
    query = query.where((eb) =>
      eb.or([
        eb("s.visibility", "in", open),
        eb.exists(eb.selectFrom("mentions as m").select("m.status_id").whereRef("m.status_id", "=", "s.id").where("m.account_id", "=", viewer.id)),
      ])
    );
    // Boosts of people the viewer hides are left out (Mastodon's filtered_reblogs_scope).
    if (!filters.excludeReblogs && !filters.onlyMedia && !filters.tagged && !filters.pinned) {
      query = query.where((eb) =>
        eb.or([
          eb("s.reblog_of_id", "is", null),
          eb.not(eb.exists(
            eb.selectFrom("statuses as o").select("o.id").whereRef("o.id", "=", "s.reblog_of_id").where("o.account_id", "in", hiddenAccountIds(db, viewer.id)),
          )),
        ])
      );
    }
  }
  if (filters.pinned) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("status_pins as p").select("p.id").whereRef("p.status_id", "=", "s.id").where("p.account_id", "=", accountId))
    );
  }
  if (filters.excludeReplies) {
    // Replies to oneself (threads) stay, as in Mastodon's without_replies scope.
    query = query.where((eb) =>
      eb.or([eb.and([eb("s.in_reply_to_id", "is", null), eb("s.in_reply_to_uri", "is", null)]), eb("s.in_reply_to_account_id", "=", accountId)])
    );
  }
  if (filters.excludeReblogs) query = query.where("s.reblog_of_id", "is", null);
  if (filters.onlyMedia) {
    query = query.where((eb) => eb.exists(eb.selectFrom("media_attachments as ma").select("ma.id").whereRef("ma.status_id", "=", "s.id")));
  }
  if (filters.tagged) {
    const tag = filters.tagged;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom("status_tags as st").innerJoin("tags as t", "t.id", "st.tag_id").select("st.status_id").whereRef("st.status_id", "=", "s.id").where("t.name", "=", tag),
      )
    );
  }
  if (range.lower) query = query.where("s.id", ">", range.lower);
  if (range.upper) query = query.where("s.id", "<", range.upper);
  return query.execute();
}
