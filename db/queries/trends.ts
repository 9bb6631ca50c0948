// What is trending, read from the statuses this server knows: hashtags used by
// the most accounts, statuses with the most interactions, and the recent
// public statuses that links are counted from.
import { sql } from "kysely";
import { idFloorAt } from "../../src/domain/ids.ts";
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import { hiddenAccountIds } from "./hidden-accounts.ts";
import { moderatedAccountIds } from "./moderated-accounts.ts";
import type { StatusRow } from "./statuses.ts";
import type { TagRow } from "./tag-follows.ts";

/** Hashtags of public statuses since `since`, by distinct authors then uses. */
export async function listTrendingTags(db: Executor, since: number, limit: number, offset: number): Promise<TagRow[]> {
  const ranked = await db
    .selectFrom("status_tags as st")
    .innerJoin("statuses as s", "s.id", "st.status_id")
    .select((eb) => ["st.tag_id", eb.fn.count<number>("s.account_id").distinct().as("accounts"), eb.fn.countAll<number>().as("uses")])
    .where("st.status_id", ">=", idFloorAt(since))
    .where("s.visibility", "=", "public")
    .where("s.reblog_of_id", "is", null)
    .where("s.held_at", "is", null)
    .groupBy("st.tag_id")
    .orderBy("accounts", "desc")
    .orderBy("uses", "desc")
    .orderBy("st.tag_id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  if (ranked.length === 0) return [];
  const tags = new Map((await db.selectFrom("tags").selectAll().where("id", "in", ranked.map((r) => r.tag_id)).execute()).map((t) => [t.id, t]));
  return ranked.flatMap((r) => tags.get(r.tag_id) ?? []);
}

/** Public statuses posted since `since` with the most favourites and boosts, without those the viewer hides. */
export function listTrendingStatuses(db: Executor, since: number, viewerId: Id | null, limit: number, offset: number): Promise<StatusRow[]> {
  let query = db
    .selectFrom("statuses as s")
    .innerJoin("accounts as a", "a.id", "s.account_id")
    .selectAll("s")
    .where("s.id", ">=", idFloorAt(since))
    .where("s.visibility", "=", "public")
    .where("s.reblog_of_id", "is", null)
    .where("s.held_at", "is", null)
    .where("a.deleted_at", "is", null)
    // Suspended and silenced accounts never trend (as on Mastodon).
    .where("s.account_id", "not in", moderatedAccountIds(db, null))
    .where(sql<boolean>`s.favourites_count + s.reblogs_count > 0`)
    .orderBy(sql`s.favourites_count + s.reblogs_count`, "desc")
    .orderBy("s.id", "desc")
    .limit(limit)
    .offset(offset);
  if (viewerId) query = query.where("s.account_id", "not in", hiddenAccountIds(db, viewerId));
  return query.execute();
}

/** The newest public statuses since `since` whose content holds a link, at most `cap` of them. */
export function listRecentStatusesWithLinks(db: Executor, since: number, cap: number): Promise<Pick<StatusRow, "id" | "account_id" | "content" | "created_at">[]> {
  return db
    .selectFrom("statuses")
    .select(["id", "account_id", "content", "created_at"])
    .where("id", ">=", idFloorAt(since))
    .where("visibility", "=", "public")
    .where("reblog_of_id", "is", null)
    .where("held_at", "is", null)
    .where("account_id", "not in", moderatedAccountIds(db, null))
    .where("content", "like", "%href=%")
    .orderBy("id", "desc")
    .limit(cap)
    .execute();
}
