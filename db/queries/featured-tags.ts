// Queries on featured tags: hashtags an account shows on its profile, with
// how often it used them publicly.
import type { Id, Millis } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { TagRow } from "./tag-follows.ts";

export interface FeaturedTagRow {
  id: Id;
  tag_id: Id;
  name: string;
  statuses_count: number;
  last_status_at: Millis | null;
}

/** An account's featured tags with their public use counts, oldest feature first. */
export async function listFeaturedTags(db: Executor, accountId: Id): Promise<FeaturedTagRow[]> {
  const rows = await db
    .selectFrom("featured_tags as ft")
    .innerJoin("tags as t", "t.id", "ft.tag_id")
    .leftJoin("status_tags as st", "st.tag_id", "ft.tag_id")
    .leftJoin("statuses as s", (join) =>
      join.onRef("s.id", "=", "st.status_id").onRef("s.account_id", "=", "ft.account_id").on("s.visibility", "in", ["public", "unlisted"]))
    .select((eb) => ["ft.id", "ft.tag_id", "t.name", eb.fn.count<number>("s.id").as("statuses_count"), eb.fn.max("s.created_at").as("last_status_at")])
    .where("ft.account_id", "=", accountId)
    .groupBy(["ft.id", "ft.tag_id", "t.name"])
    .orderBy("ft.id")
    .execute();
  return rows.map((r) => ({ ...r, statuses_count: Number(r.statuses_count), last_status_at: r.last_status_at === null ? null : Number(r.last_status_at) }));
}

/** Features a tag; nothing happens when already featured. */
export async function insertFeaturedTag(db: Executor, row: { id: Id; account_id: Id; tag_id: Id; created_at: number }): Promise<void> {
  await db.insertInto("featured_tags").values(row).onConflict((oc) => oc.columns(["account_id", "tag_id"]).doNothing()).execute();
}

/** Removes a featured tag of the account, by feature id or by tag id; returns whether one went. */
export async function deleteFeaturedTag(db: Executor, accountId: Id, by: { id: Id } | { tagId: Id }): Promise<boolean> {
  const result = await db
    .deleteFrom("featured_tags")
    .where("account_id", "=", accountId)
    .where("id" in by ? "id" : "tag_id", "=", "id" in by ? by.id : by.tagId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** How many tags the account features. */
export async function countFeaturedTags(db: Executor, accountId: Id): Promise<number> {
  const row = await db.selectFrom("featured_tags").select((eb) => eb.fn.countAll<number>().as("n")).where("account_id", "=", accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Tags the account used most recently and doesn't feature yet. */
export async function suggestFeaturedTags(db: Executor, accountId: Id, limit = 10): Promise<TagRow[]> {
  const rows = await db
    .selectFrom("status_tags as st")
    .innerJoin("statuses as s", "s.id", "st.status_id")
    .innerJoin("tags", "tags.id", "st.tag_id")
    .selectAll("tags")
    .select((eb) => eb.fn.max("st.status_id").as("latest"))
    .where("s.account_id", "=", accountId)
    .where("st.tag_id", "not in", db.selectFrom("featured_tags").select("tag_id").where("account_id", "=", accountId))
    // Grouping by the primary key lets PostgreSQL take the tag's other columns too.
    .groupBy("tags.id")
    .orderBy("latest", "desc")
    .limit(limit)
    .execute();
  return rows.map(({ latest: _, ...tag }) => tag);
}

/** Whether the account features the tag. */
export async function isTagFeatured(db: Executor, accountId: Id, tagId: Id): Promise<boolean> {
  const row = await db.selectFrom("featured_tags").select("id").where("account_id", "=", accountId).where("tag_id", "=", tagId).executeTakeFirst();
  return row !== undefined;
}
