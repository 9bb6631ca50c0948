// Queries on private account notes (one comment per viewer and account).
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

/** Sets the comment of account on target; an empty comment removes it. */
export async function writeAccountNote(db: Executor, accountId: Id, targetId: Id, comment: string): Promise<void> {
  if (comment === "") {
    await db.deleteFrom("account_notes").where("account_id", "=", accountId).where("target_account_id", "=", targetId).execute();
    return;
  }
  const now = Date.now();
  await db
    .insertInto("account_notes")
    .values({ account_id: accountId, target_account_id: targetId, comment, updated_at: now })
    .onConflict((oc) => oc.columns(["account_id", "target_account_id"]).doUpdateSet({ comment, updated_at: now }))
    .execute();
}
