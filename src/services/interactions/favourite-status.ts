// Favouriting: a local favourite (API) and an inbound Like both come here, as
// do their undoing (API unfavourite, inbound Undo(Like)).
import { findAccountById } from "../../../db/queries/accounts.ts";
import { deleteFavourite, findFavourite, insertFavourite } from "../../../db/queries/favourites.ts";
import { deleteNotificationsOf } from "../../../db/queries/notifications.ts";
import { adjustStatusCounter, findStatusById, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Origin } from "../../domain/events.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, federatesFrom, writeTransaction } from "../context.ts";
import { notifyAccounts } from "../notifications/notify-accounts.ts";
import { mayViewStatus } from "../visibility/may-view-status.ts";

export interface FavouriteInput {
  accountId: Id;
  statusId: Id;
  origin: Origin;
  /** The Like activity's id, for remote favourites. */
  uri?: string;
}

async function load(deps: ServiceDeps, input: FavouriteInput): Promise<Result<StatusRow>> {
  const [account, status] = await Promise.all([findAccountById(deps.db, input.accountId), findStatusById(deps.db, input.statusId)]);
  if (!account || account.deleted_at !== null) return fail("not-found", "Account not found");
  if (!status || status.reblog_of_id !== null || !(await mayViewStatus(deps.db, status, account.id))) {
    return fail("not-found", "Record not found");
  }
  return ok(status);
}

/** Favourites a status the account may see; idempotent. */
export async function favouriteStatus(deps: ServiceDeps, input: FavouriteInput): Promise<Result<StatusRow>> {
  const loaded = await load(deps, input);
  if (!loaded.ok) return loaded;
  const status = loaded.value;
  if (await findFavourite(deps.db, input.accountId, status.id)) return ok(status);
  const account = (await findAccountById(deps.db, input.accountId))!;
  return writeTransaction(deps, async (tx, emit) => {
    const id = deps.ids.next();
    const uri = input.uri ?? deps.uris.activity(account.username, "likes", id);
    await insertFavourite(tx, { id, account_id: account.id, status_id: status.id, uri, created_at: Date.now() });
    await adjustStatusCounter(tx, status.id, "favourites_count", 1);
    if (status.local === 1) {
      await notifyAccounts(deps, tx, emit, { type: "favourite", fromAccountId: account.id, statusId: status.id, recipientIds: [status.account_id] });
    }
    emit({ type: "favourite.created", accountId: account.id, statusId: status.id, uri }, federatesFrom(input.origin));
    return ok((await findStatusById(tx, status.id))!);
  });
}

/** Removes a favourite; idempotent. */
export async function unfavouriteStatus(deps: ServiceDeps, input: FavouriteInput): Promise<Result<StatusRow>> {
  const status = await findStatusById(deps.db, input.statusId);
  if (!status) return fail("not-found", "Record not found");
  const favourite = await findFavourite(deps.db, input.accountId, status.id);
  if (!favourite) return ok(status);
  const account = (await findAccountById(deps.db, input.accountId))!;
  return writeTransaction(deps, async (tx, emit) => {
    await deleteFavourite(tx, favourite.id);
    await adjustStatusCounter(tx, status.id, "favourites_count", -1);
    await deleteNotificationsOf(tx, { type: "favourite", fromAccountId: account.id, statusId: status.id });
    const activityId = deps.uris.activity(account.username, "undo", deps.ids.next());
    emit({ type: "favourite.removed", accountId: account.id, statusId: status.id, uri: favourite.uri, activityId }, federatesFrom(input.origin));
    return ok((await findStatusById(tx, status.id))!);
  });
}
