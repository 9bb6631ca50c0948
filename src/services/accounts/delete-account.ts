// Deleting an account with everything of theirs: a local user leaving (CLI,
// API) and an inbound Delete of a remote actor both come here. A local account
// keeps a tombstone row (its username stays taken, its keys sign the Delete).
import { adjustAccountCounter, deleteAccountRow, findAccountById, updateAccount, type AccountRow } from "../../../db/queries/accounts.ts";
import { adjustStatusCounter } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Origin } from "../../domain/events.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type Emit, type ServiceDeps, type Tx, writeTransaction } from "../context.ts";

/** Remote accounts related to a local one, with inboxes: who must hear of its deletion (or suspension). */
export async function knownInboxes(tx: Tx, accountId: Id) {
  return tx
    .selectFrom("accounts")
    .select(["uri as actorUri", "inbox_url as inbox", "shared_inbox_url as sharedInbox"])
    .where("domain", "is not", null)
    .where((eb) =>
      eb.or([
        eb("id", "in", eb.selectFrom("follows").select("account_id").where("target_account_id", "=", accountId)),
        eb("id", "in", eb.selectFrom("follows").select("target_account_id").where("account_id", "=", accountId)),
      ])
    )
    .execute();
}

/** Undoes the account's marks on others (counters), then removes its content (a suspended remote account's too). */
export async function purgeContent(tx: Tx, account: AccountRow): Promise<void> {
  const following = await tx.selectFrom("follows").select("target_account_id").where("account_id", "=", account.id).execute();
  for (const f of following) await adjustAccountCounter(tx, f.target_account_id, "followers_count", -1);
  const followers = await tx.selectFrom("follows").select("account_id").where("target_account_id", "=", account.id).execute();
  for (const f of followers) await adjustAccountCounter(tx, f.account_id, "following_count", -1);
  const favourites = await tx.selectFrom("favourites").select("status_id").where("account_id", "=", account.id).execute();
  for (const f of favourites) await adjustStatusCounter(tx, f.status_id, "favourites_count", -1);
  const statuses = await tx
    .selectFrom("statuses")
    .select(["in_reply_to_id", "reblog_of_id"])
    .where("account_id", "=", account.id)
    .execute();
  for (const s of statuses) {
    if (s.in_reply_to_id) await adjustStatusCounter(tx, s.in_reply_to_id, "replies_count", -1);
    if (s.reblog_of_id) await adjustStatusCounter(tx, s.reblog_of_id, "reblogs_count", -1);
  }
  for (const table of ["follows", "follow_requests", "blocks"] as const) {
    await tx.deleteFrom(table).where((eb) => eb.or([eb("account_id", "=", account.id), eb("target_account_id", "=", account.id)])).execute();
  }
  await tx.deleteFrom("favourites").where("account_id", "=", account.id).execute();
  await tx.deleteFrom("notifications").where((eb) => eb.or([eb("account_id", "=", account.id), eb("from_account_id", "=", account.id)])).execute();
  await tx.deleteFrom("mentions").where("account_id", "=", account.id).execute();
  await tx.deleteFrom("home_timeline_entries").where("account_id", "=", account.id).execute();
  await tx.deleteFrom("statuses").where("account_id", "=", account.id).execute();
}

/** Deletes the account's content; a local one is federated as Delete(actor). */
export async function deleteAccount(deps: ServiceDeps, input: { accountId: Id; origin: Origin }): Promise<Result<void>> {
  const account = await findAccountById(deps.db, input.accountId);
  if (!account) return fail("not-found", "Record not found");
  if ((input.origin === "local") !== (account.domain === null)) return fail("forbidden", "Deletes come from the account's origin");
  if (account.deleted_at !== null) return ok(undefined);
  return writeTransaction(deps, async (tx, emit) => {
    await removeAccount(deps, tx, emit, account);
    return ok(undefined);
  });
}

/** Deletes the account inside a transaction (deleteAccount, and a moderator deleting a suspended account's data). */
export async function removeAccount(deps: ServiceDeps, tx: Tx, emit: Emit, account: AccountRow): Promise<void> {
  const inboxes = account.domain === null ? await knownInboxes(tx, account.id) : [];
  await purgeContent(tx, account);
  if (account.domain !== null) {
    await deleteAccountRow(tx, account.id);
    return;
  }
  const now = Date.now();
  await updateAccount(tx, account.id, {
    deleted_at: now,
    display_name: "",
    note: "",
    avatar_url: null,
    header_url: null,
    fields: "[]",
    followers_count: 0,
    following_count: 0,
    statuses_count: 0,
    updated_at: now,
  });
  await tx.deleteFrom("users").where("account_id", "=", account.id).execute();
  const activityId = deps.uris.activity(account.username, "delete", deps.ids.next());
  emit({ type: "account.deleted", accountId: account.id, uri: account.uri, inboxes, activityId }, { federate: true });
}
