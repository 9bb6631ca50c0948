// Queries on endorsements (account pins): accounts a user features on their profile.
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

/** Endorses target; nothing happens when already endorsed. */
export async function insertAccountPin(db: Executor, row: { id: Id; account_id: Id; target_account_id: Id; created_at: number }): Promise<void> {
  await db.insertInto("account_pins").values(row).onConflict((oc) => oc.columns(["account_id", "target_account_id"]).doNothing()).execute();
}

/** Removes the endorsement of target by account, if any. */
export async function deleteAccountPin(db: Executor, accountId: Id, targetId: Id): Promise<void> {
  await db.deleteFrom("account_pins").where("account_id", "=", accountId).where("target_account_id", "=", targetId).execute();
}
