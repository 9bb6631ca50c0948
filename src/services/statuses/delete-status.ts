// Deleting a status (or undoing a reblog): a local delete (API) and an inbound
// Delete or Undo(Announce) both come here.
import { adjustAccountCounter } from "../../../db/queries/accounts.ts";
import { deleteNotificationsOf } from "../../../db/queries/notifications.ts";
import {
  adjustStatusCounter,
  deleteStatusRow,
  findMentionedAccountIds,
  findStatusById,
  type StatusRow,
} from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Origin } from "../../domain/events.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type Emit, type ServiceDeps, type Tx, federatesFrom, writeTransaction } from "../context.ts";

export interface DeleteStatusInput {
  statusId: Id;
  /** Who asks: only the author may delete. */
  accountId: Id;
  origin: Origin;
}

/** Removes the status and fixes the counters it touched, inside a transaction. */
export async function removeStatusRow(tx: Tx, status: StatusRow): Promise<void> {
  // Reblogs of this status vanish with it (foreign key); their authors' counts follow.
  const reblogs = await tx.selectFrom("statuses").select("account_id").where("reblog_of_id", "=", status.id).execute();
  for (const reblog of reblogs) await adjustAccountCounter(tx, reblog.account_id, "statuses_count", -1);
  await deleteStatusRow(tx, status.id);
  await adjustAccountCounter(tx, status.account_id, "statuses_count", -1);
  if (status.in_reply_to_id) await adjustStatusCounter(tx, status.in_reply_to_id, "replies_count", -1);
  if (status.reblog_of_id) {
    await adjustStatusCounter(tx, status.reblog_of_id, "reblogs_count", -1);
    // An undone boost takes its notification along, as an undone favourite does (Mastodon
    // destroys a notification with its activity).
    await deleteNotificationsOf(tx, { type: "reblog", fromAccountId: status.account_id, statusId: status.reblog_of_id });
  }
}

/** Removes a status inside a transaction and reports it (deleteStatus, and a moderator removing a held status). */
export async function removeStatus(deps: ServiceDeps, tx: Tx, emit: Emit, status: StatusRow, options: { federate: boolean }): Promise<void> {
  const mentionedAccountIds = await findMentionedAccountIds(tx, status.id);
  const original = status.reblog_of_id ? await findStatusById(tx, status.reblog_of_id) : undefined;
  await removeStatusRow(tx, status);
  const author = await tx.selectFrom("accounts").select("username").where("id", "=", status.account_id).executeTakeFirstOrThrow();
  emit(
    {
      type: "status.deleted",
      statusId: status.id,
      uri: status.uri,
      accountId: status.account_id,
      visibility: status.visibility,
      mentionedAccountIds: original ? [original.account_id] : mentionedAccountIds,
      reblogOfUri: original?.uri ?? null,
      activityId: deps.uris.activity(author.username, original ? "undo" : "delete", deps.ids.next()),
    },
    options,
  );
}

/** Deletes a status by its author; idempotent for remote deletes of unknown statuses. */
export async function deleteStatus(deps: ServiceDeps, input: DeleteStatusInput): Promise<Result<StatusRow>> {
  const status = await findStatusById(deps.db, input.statusId);
  if (!status) return fail("not-found", "Record not found");
  if (status.account_id !== input.accountId) return fail("forbidden", "Only the author can delete a status");
  if ((input.origin === "local") !== (status.local === 1)) return fail("forbidden", "Deletes come from the status's origin");

  return writeTransaction(deps, async (tx, emit) => {
    await removeStatus(deps, tx, emit, status, federatesFrom(input.origin));
    return ok(status);
  });
}
