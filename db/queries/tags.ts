// Queries on hashtags.
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

/** Finds or creates tags by name; returns their ids. Names are matched lowercased. */
export async function upsertTags(db: Executor, names: readonly string[], newId: () => Id): Promise<Id[]> {
  const byName = new Map(names.map((n) => [n.toLowerCase(), n]));
  if (byName.size === 0) return [];
  const now = Date.now();
  await db
    .insertInto("tags")
    .values([...byName].map(([name, display]) => ({ id: newId(), name, display_name: display, created_at: now })))
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const rows = await db.selectFrom("tags").select("id").where("name", "in", [...byName.keys()]).execute();
  return rows.map((r) => r.id);
}

/** Replaces the tags of a status. */
export async function replaceStatusTags(db: Executor, statusId: Id, tagIds: readonly Id[]): Promise<void> {
  await db.deleteFrom("status_tags").where("status_id", "=", statusId).execute();
  if (tagIds.length) {
    await db.insertInto("status_tags").values(tagIds.map((tag_id) => ({ status_id: statusId, tag_id }))).execute();
  }
}

/** Tag names of a status (lowercased). */
export async function findTagNamesOfStatus(db: Executor, statusId: Id): Promise<string[]> {
  const rows = await db
    .selectFrom("status_tags")
    .innerJoin("tags", "tags.id", "status_tags.tag_id")
    .select("tags.display_name")
    .where("status_tags.status_id", "=", statusId)
    .execute();
  return rows.map((r) => r.display_name);
}
