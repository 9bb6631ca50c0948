// The end of a local suspension's 30 days: the scheduler deletes the data of
// local accounts suspended longer than that (each purge audited as Parley's).
import type { Millis } from "../../../db/schema/index.ts";
import { findAccountById } from "../../../db/queries/accounts.ts";
import { removeAccount } from "../accounts/delete-account.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { SUSPENSION_RETENTION_MS } from "./account-state.ts";
import { recordAudit, SYSTEM_MODERATOR } from "./audit.ts";

export const PURGE_BATCH = 20;

/** Purges up to a batch of local accounts suspended before `now` minus 30 days; returns how many. */
export async function purgeExpiredSuspensions(deps: ServiceDeps, now: Millis): Promise<number> {
  const due = await deps.db
    .selectFrom("accounts")
    .select("id")
    .where("suspended_at", "is not", null)
    .where("suspended_at", "<", now - SUSPENSION_RETENTION_MS)
    .where("domain", "is", null)
    .where("deleted_at", "is", null)
    .limit(PURGE_BATCH)
    .execute();
  for (const { id } of due) {
    const account = await findAccountById(deps.db, id);
    if (!account) continue;
    await writeTransaction(deps, async (tx, emit) => {
      await removeAccount(deps, tx, emit, account);
      await recordAudit(deps, tx, SYSTEM_MODERATOR, { action: "account.purge", targetType: "account", targetId: account.id, reason: "suspended for 30 days" });
    });
  }
  return due.length;
}
