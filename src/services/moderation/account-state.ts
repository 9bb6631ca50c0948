// The moderation state changes of one account, each inside the caller's
// transaction: suspension (local: Delete(actor) federated through the
// account-deletion path, data kept for 30 days; remote: content purged),
// silence, sensitive media, disabled login, and their reversal.
import { type AccountRow, updateAccount } from "../../../db/queries/accounts.ts";
import type { Millis } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { knownInboxes, purgeContent, removeAccount } from "../accounts/delete-account.ts";
import type { Emit, ServiceDeps, Tx } from "../context.ts";

/** How long a suspended local account's data is kept before the scheduler purges it. */
export const SUSPENSION_RETENTION_MS = 30 * 24 * 3600_000;

export type StateChange = "suspend" | "unsuspend" | "silence" | "unsilence" | "sensitive" | "unsensitive" | "disable" | "enable" | "delete_data";

/** Local follows with remote accounts (both ways) end: the other side deletes the account on Delete(actor). */
async function dropRemoteFollows(tx: Tx, account: AccountRow): Promise<void> {
  const remote = tx.selectFrom("accounts").select("id").where("domain", "is not", null);
  const following = await tx.selectFrom("follows").select(["id", "target_account_id"]).where("account_id", "=", account.id).where("target_account_id", "in", remote).execute();
  const followers = await tx.selectFrom("follows").select(["id", "account_id"]).where("target_account_id", "=", account.id).where("account_id", "in", remote).execute();
  for (const f of following) await tx.updateTable("accounts").set((eb) => ({ followers_count: eb("followers_count", "-", 1) })).where("id", "=", f.target_account_id).execute();
  for (const f of followers) await tx.updateTable("accounts").set((eb) => ({ following_count: eb("following_count", "-", 1) })).where("id", "=", f.account_id).execute();
  const ids = [...following, ...followers].map((f) => f.id);
  if (ids.length) await tx.deleteFrom("follows").where("id", "in", ids).execute();
  await tx.deleteFrom("follow_requests").where((eb) => eb.or([
    eb.and([eb("account_id", "=", account.id), eb("target_account_id", "in", remote)]),
    eb.and([eb("target_account_id", "=", account.id), eb("account_id", "in", remote)]),
  ])).execute();
}

async function suspend(deps: ServiceDeps, tx: Tx, emit: Emit, account: AccountRow, now: Millis): Promise<void> {
  if (account.domain === null) {
    // Who knew the account hears Delete(actor), the message a deletion sends: the same event and handler.
    const inboxes = await knownInboxes(tx, account.id);
    await dropRemoteFollows(tx, account);
    await updateAccount(tx, account.id, { suspended_at: now });
    const activityId = deps.uris.activity(account.username, "delete", deps.ids.next());
    emit({ type: "account.deleted", accountId: account.id, uri: account.uri, inboxes, activityId }, { federate: true });
    return;
  }
  // A remote account's content and cached media go now (files through the media cleanup); the row stays, suspended.
  await purgeContent(tx, account);
  await updateAccount(tx, account.id, { suspended_at: now, statuses_count: 0, followers_count: 0, following_count: 0 });
}

async function setLogin(tx: Tx, account: AccountRow, disabledAt: Millis | null): Promise<Result<void>> {
  if (account.domain !== null) return fail("unprocessable", "Only local accounts have a login");
  await tx.updateTable("users").set({ disabled_at: disabledAt }).where("account_id", "=", account.id).execute();
  return ok(undefined);
}

/** Applies one state change to the account, inside the action's transaction. */
export async function changeAccountState(deps: ServiceDeps, tx: Tx, emit: Emit, account: AccountRow, change: StateChange): Promise<Result<void>> {
  const now = Date.now();
  switch (change) {
    case "suspend":
      if (account.suspended_at === null) await suspend(deps, tx, emit, account, now);
      return ok(undefined);
    case "unsuspend":
      if (account.suspended_at === null) return ok(undefined);
      if (account.deleted_at !== null) return fail("unprocessable", "The account's data was already deleted");
      await updateAccount(tx, account.id, { suspended_at: null });
      // The actor answers again; followers (local ones kept theirs) see it through an Update.
      if (account.domain === null) emit({ type: "account.updated", accountId: account.id, activityId: deps.uris.activity(account.username, "update", deps.ids.next()) }, { federate: true });
      return ok(undefined);
    case "silence":
    case "unsilence":
      await updateAccount(tx, account.id, { silenced_at: change === "silence" ? (account.silenced_at ?? now) : null });
      return ok(undefined);
    case "sensitive":
    case "unsensitive":
      await updateAccount(tx, account.id, { sensitized_at: change === "sensitive" ? (account.sensitized_at ?? now) : null });
      return ok(undefined);
    case "disable":
    case "enable":
      return setLogin(tx, account, change === "disable" ? now : null);
    case "delete_data":
      if (account.suspended_at === null) return fail("forbidden", "Only a suspended account's data can be deleted");
      // A local account becomes a tombstone; a remote one keeps its (empty) row so its activities stay ignored.
      if (account.domain === null) await removeAccount(deps, tx, emit, account);
      else await purgeContent(tx, account);
      return ok(undefined);
  }
}
