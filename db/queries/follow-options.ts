// Queries on what a follower chose for a follow (or a pending request):
// boosts shown, notifications of posts, and the languages they want.
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

/** Sets the languages of follower→target; null means every language (the row goes). */
export async function writeFollowLanguages(db: Executor, followerId: Id, targetId: Id, languages: readonly string[] | null): Promise<void> {
  if (languages === null || languages.length === 0) {
    await db.deleteFrom("follow_languages").where("account_id", "=", followerId).where("target_account_id", "=", targetId).execute();
    return;
  }
  const value = JSON.stringify([...new Set(languages)]);
  await db
    .insertInto("follow_languages")
    .values({ account_id: followerId, target_account_id: targetId, languages: value })
    .onConflict((oc) => oc.columns(["account_id", "target_account_id"]).doUpdateSet({ languages: value }))
    .execute();
}

/** The followers of target who limited the languages they see from it, with their languages. */
export async function findFollowLanguages(db: Executor, targetId: Id): Promise<Map<Id, string[]>> {
  const rows = await db.selectFrom("follow_languages").select(["account_id", "languages"]).where("target_account_id", "=", targetId).execute();
  return new Map(rows.map((r) => [r.account_id, JSON.parse(r.languages) as string[]]));
}

/** Changes show_reblogs and notify of an existing follow or request; absent options stay. */
export async function updateFollowOptions(
  db: Executor,
  table: "follows" | "follow_requests",
  followerId: Id,
  targetId: Id,
  options: { showReblogs?: boolean; notify?: boolean },
): Promise<void> {
  const changes = {
    ...(options.showReblogs !== undefined ? { show_reblogs: options.showReblogs ? 1 : 0 } : {}),
    ...(options.notify !== undefined ? { notify: options.notify ? 1 : 0 } : {}),
  };
  if (Object.keys(changes).length === 0) return;
  await db.updateTable(table).set(changes).where("account_id", "=", followerId).where("target_account_id", "=", targetId).execute();
}
