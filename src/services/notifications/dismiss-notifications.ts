// Dismissing notifications: one (API v1), a group (API v2), or all (clear).
import { deleteNotifications } from "../../../db/queries/notifications.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";

/** Deletes the account's notification with this id, or the group with this key; 404 when nothing matched. */
export async function dismissNotifications(deps: ServiceDeps, input: { accountId: Id; id?: Id; groupKey?: string }): Promise<Result<void>> {
  const which = input.id ? { id: input.id } : { groupKey: input.groupKey! };
  const deleted = await writeTransaction(deps, (tx) => deleteNotifications(tx, input.accountId, which));
  return deleted > 0 ? ok(undefined) : fail("not-found", "Record not found");
}

/** Deletes every notification of the account. */
export async function clearNotifications(deps: ServiceDeps, accountId: Id): Promise<Result<void>> {
  await writeTransaction(deps, (tx) => deleteNotifications(tx, accountId));
  return ok(undefined);
}
