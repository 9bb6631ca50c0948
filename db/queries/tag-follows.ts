// Queries on hashtags as users see them: lookups, usage history, followed tags.
import { type Selectable, sql } from "kysely";
import { idFloorAt } from "../../src/domain/ids.ts";
import type { Id, TagsTable } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { IdRange } from "./timelines.ts";

export type TagRow = Selectable<TagsTable>;
export interface TagDay {
  /** Midnight UTC of the day, in ms. */
  day: number;
  uses: number;
  accounts: number;
}

const DAY_MS = 86_400_000;

/** Tags by lowercased names. */
export function findTagsByNames(db: Executor, names: readonly string[]): Promise<TagRow[]> {
  if (names.length === 0) return Promise.resolve([]);
  return db.selectFrom("tags").selectAll().where("name", "in", names.map((n) => n.toLowerCase())).execute();
}

/** A history without uses: the last `days` days, today first. */
export function emptyTagHistory(days = 7, now = Date.now()): TagDay[] {
  const today = Math.floor(now / DAY_MS);
  return Array.from({ length: days }, (_, i) => ({ day: (today - i) * DAY_MS, uses: 0, accounts: 0 }));
}

/** Public uses and distinct authors per tag and day, for the last `days` days (today first). */
export async function loadTagHistories(db: Executor, tagIds: readonly Id[], days = 7, now = Date.now()): Promise<Map<Id, TagDay[]>> {
  const today = Math.floor(now / DAY_MS);
  const result = new Map<Id, TagDay[]>(tagIds.map((id) => [id, emptyTagHistory(days, now)]));
  if (tagIds.length === 0) return result;
  const rows = await db
    .selectFrom("status_tags as st")
    .innerJoin("statuses as s", "s.id", "st.status_id")
    .select((eb) => [
      "st.tag_id",
      // An inline literal keeps it integer division on SQLite (a bound number is a REAL there).
      sql<number>`${sql.ref("s.created_at")} / ${sql.lit(DAY_MS)}`.as("day"),
      eb.fn.countAll<number>().as("uses"),
      eb.fn.count<number>("s.account_id").distinct().as("accounts"),
    ])
    .where("st.tag_id", "in", tagIds)
    .where("st.status_id", ">=", idFloorAt((today - days + 1) * DAY_MS))
    .where("s.visibility", "=", "public")
    .where("s.reblog_of_id", "is", null)
    .groupBy(["st.tag_id", "day"])
    .execute();
  for (const row of rows) {
    const entry = result.get(row.tag_id)?.[today - Number(row.day)];
    if (entry) Object.assign(entry, { uses: Number(row.uses), accounts: Number(row.accounts) });
  }
  return result;
}

/** Which of the tags the account follows and features. */
export async function loadTagFlags(db: Executor, accountId: Id, tagIds: readonly Id[]): Promise<{ following: Set<Id>; featuring: Set<Id> }> {
  if (tagIds.length === 0) return { following: new Set(), featuring: new Set() };
  const rows = await db
    .selectFrom("tag_follows")
    .select(["tag_id", (eb) => eb.val("following").as("kind")])
    .where("account_id", "=", accountId)
    .where("tag_id", "in", tagIds)
    .unionAll(
      db.selectFrom("featured_tags").select(["tag_id", (eb) => eb.val("featuring").as("kind")]).where("account_id", "=", accountId).where("tag_id", "in", tagIds),
    )
    .execute();
  const of = (kind: string) => new Set(rows.filter((r) => r.kind === kind).map((r) => r.tag_id));
  return { following: of("following"), featuring: of("featuring") };
}

/** Follows a tag; nothing happens when already followed. */
export async function insertTagFollow(db: Executor, row: { id: Id; account_id: Id; tag_id: Id; created_at: number }): Promise<void> {
  await db.insertInto("tag_follows").values(row).onConflict((oc) => oc.columns(["account_id", "tag_id"]).doNothing()).execute();
}

/** Unfollows a tag. */
export async function deleteTagFollow(db: Executor, accountId: Id, tagId: Id): Promise<void> {
  await db.deleteFrom("tag_follows").where("account_id", "=", accountId).where("tag_id", "=", tagId).execute();
}

/** A page of the tags an account follows, keyed by the follow's id. */
export async function pageFollowedTags(db: Executor, accountId: Id, range: IdRange): Promise<(TagRow & { cursor: Id })[]> {
  let query = db
    .selectFrom("tag_follows as tf")
    .innerJoin("tags", "tags.id", "tf.tag_id")
    .selectAll("tags")
    .select("tf.id as cursor")
    .where("tf.account_id", "=", accountId)
    .orderBy("tf.id", range.ascending ? "asc" : "desc")
    .limit(range.limit);
  if (range.lower) query = query.where("tf.id", ">", range.lower);
  if (range.upper) query = query.where("tf.id", "<", range.upper);
  return query.execute();
}
