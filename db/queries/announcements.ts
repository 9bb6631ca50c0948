// Announcements by the operator, and what each user did with them: dismissed
// (read) and reacted with emoji.
import type { Insertable, Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { AnnouncementsTable } from "../schema/instance.ts";
import type { Executor } from "./executor.ts";

export type AnnouncementRow = Selectable<AnnouncementsTable>;

/** One reaction name on an announcement, counted, with the viewer's part. */
export interface ReactionCount {
  name: string;
  count: number;
  me: boolean;
  /** Set for a custom emoji. */
  url: string | null;
  staticUrl: string | null;
}

/** Inserts an announcement. */
export async function insertAnnouncement(db: Executor, row: Insertable<AnnouncementsTable>): Promise<void> {
  await db.insertInto("announcements").values(row).execute();
}

/** Deletes an announcement with its dismissals and reactions; false when there was none. */
export async function deleteAnnouncement(db: Executor, id: Id): Promise<boolean> {
  const result = await db.deleteFrom("announcements").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every announcement, oldest first (operator CLI). */
export function listAllAnnouncements(db: Executor): Promise<AnnouncementRow[]> {
  return db.selectFrom("announcements").selectAll().orderBy("id").execute();
}

/** Published announcements that have not ended, oldest first (Mastodon lists them chronologically). */
export function listActiveAnnouncements(db: Executor, now: number): Promise<AnnouncementRow[]> {
  return db
    .selectFrom("announcements")
    .selectAll()
    .where("published_at", "<=", now)
    .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)]))
    .orderBy("published_at")
    .orderBy("id")
    .execute();
}

/** One active announcement. */
export function findActiveAnnouncement(db: Executor, id: Id, now: number): Promise<AnnouncementRow | undefined> {
  return db
    .selectFrom("announcements")
    .selectAll()
    .where("id", "=", id)
    .where("published_at", "<=", now)
    .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)]))
    .executeTakeFirst();
}

/** Marks an announcement read by an account (again is fine). */
export async function insertDismissal(db: Executor, announcementId: Id, accountId: Id, now: number): Promise<void> {
  await db
    .insertInto("announcement_dismissals")
    .values({ announcement_id: announcementId, account_id: accountId, created_at: now })
    .onConflict((oc) => oc.columns(["announcement_id", "account_id"]).doNothing())
    .execute();
}

/** Which of the announcements the account dismissed. */
export async function findDismissedIds(db: Executor, accountId: Id, ids: readonly Id[]): Promise<Set<Id>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("announcement_dismissals").select("announcement_id").where("account_id", "=", accountId).where("announcement_id", "in", ids).execute();
  return new Set(rows.map((r) => r.announcement_id));
}

/** Adds an account's reaction (again is fine). */
export async function insertReaction(db: Executor, row: { announcement_id: Id; account_id: Id; name: string; custom_emoji_id: Id | null; created_at: number }): Promise<void> {
  await db.insertInto("announcement_reactions").values(row).onConflict((oc) => oc.columns(["announcement_id", "account_id", "name"]).doNothing()).execute();
}

/** Removes an account's reaction. */
export async function deleteReaction(db: Executor, announcementId: Id, accountId: Id, name: string): Promise<void> {
  await db.deleteFrom("announcement_reactions").where("announcement_id", "=", announcementId).where("account_id", "=", accountId).where("name", "=", name).execute();
}

/** Reactions of the announcements, counted per name, with whether the viewer reacted: one query. */
export async function loadReactionCounts(db: Executor, ids: readonly Id[], viewerId: Id): Promise<Map<Id, ReactionCount[]>> {
  const result = new Map<Id, ReactionCount[]>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom("announcement_reactions as r")
    .leftJoin("custom_emojis as e", "e.id", "r.custom_emoji_id")
    .select((eb) => [
      "r.announcement_id",
      "r.name",
      eb.fn.countAll<number>().as("count"),
      eb.fn.max<number>(eb.case().when("r.account_id", "=", viewerId).then(1).else(0).end()).as("me"),
      eb.fn.max("e.url").as("url"),
      eb.fn.max("e.static_url").as("static_url"),
      eb.fn.min("r.created_at").as("first_at"),
    ])
    .where("r.announcement_id", "in", ids)
    .groupBy(["r.announcement_id", "r.name"])
    .orderBy("first_at")
    .execute();
  for (const row of rows) {
    const list = result.get(row.announcement_id) ?? [];
    list.push({ name: row.name, count: Number(row.count), me: Number(row.me) === 1, url: row.url ?? null, staticUrl: row.static_url ?? null });
    result.set(row.announcement_id, list);
  }
  return result;
}

/** How many different reaction names an announcement has, and whether `name` is one of them. */
export async function countReactionNames(db: Executor, announcementId: Id, name: string): Promise<{ count: number; includesName: boolean }> {
  const rows = await db.selectFrom("announcement_reactions").select("name").distinct().where("announcement_id", "=", announcementId).execute();
  return { count: rows.length, includesName: rows.some((r) => r.name === name) };
}
