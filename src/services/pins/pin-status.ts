// Pinning (featuring) a status on its author's profile: a local pin (API) and
// a remote one (an inbound Add to the author's featured collection) both come
// here, as do unpins (API, inbound Remove). Local pins federate as Add/Remove.
import { findAccountById } from "../../../db/queries/accounts.ts";
import { countStatusPins, deleteStatusPin, findStatusPin, insertStatusPin } from "../../../db/queries/status-pins.ts";
import { findStatusById, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Origin } from "../../domain/events.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, federatesFrom, writeTransaction } from "../context.ts";

export interface PinInput {
  accountId: Id;
  statusId: Id;
  origin: Origin;
}

/** How many statuses a local account may pin (Mastodon's StatusPinValidator). */
export const MAX_PINNED_STATUSES = 5;

/**
 * Pins one's own public or unlisted status; idempotent. Others' statuses are
 * "not-found" to the API (it checked visibility first), reblogs and private
 * or direct statuses are refused (422), as are pins beyond the limit.
 */
export async function pinStatus(deps: ServiceDeps, input: PinInput): Promise<Result<StatusRow>> {
  const [account, status] = await Promise.all([findAccountById(deps.db, input.accountId), findStatusById(deps.db, input.statusId)]);
  if (!account || account.deleted_at !== null || !status) return fail("not-found", "Record not found");
  if ((input.origin === "local") !== (account.domain === null)) return fail("forbidden", "Pins come from the account's origin");
  if (status.reblog_of_id !== null) return fail("validation", "Validation failed: Boosts cannot be pinned");
  if (status.account_id !== account.id) return fail("validation", "Validation failed: Posts that are not yours cannot be pinned");
  // Remote servers decide what their users may feature (Mastodon lets them pin private posts).
  if (input.origin === "local" && status.visibility !== "public" && status.visibility !== "unlisted") {
    return fail("validation", "Validation failed: Only public and unlisted posts can be pinned");
  }
  return writeTransaction(deps, async (tx, emit) => {
    if (input.origin === "local" && (await countStatusPins(tx, account.id)) >= MAX_PINNED_STATUSES) {
      if (!(await findStatusPin(tx, account.id, status.id))) return fail("validation", "Validation failed: You have already pinned the maximum number of posts");
    }
    const pinId = deps.ids.next();
    const created = await insertStatusPin(tx, { id: pinId, account_id: account.id, status_id: status.id, created_at: Date.now() });
    if (created) {
      const activityId = deps.uris.activity(account.username, "add", pinId);
      emit({ type: "status.pinned", accountId: account.id, statusId: status.id, activityId }, federatesFrom(input.origin));
    }
    return ok(status);
  });
}

/** Unpins a status; idempotent. */
export async function unpinStatus(deps: ServiceDeps, input: PinInput): Promise<Result<StatusRow>> {
  const [account, status] = await Promise.all([findAccountById(deps.db, input.accountId), findStatusById(deps.db, input.statusId)]);
  if (!account || !status) return fail("not-found", "Record not found");
  return writeTransaction(deps, async (tx, emit) => {
    if (await deleteStatusPin(tx, account.id, status.id)) {
      const activityId = deps.uris.activity(account.username, "remove", deps.ids.next());
      emit({ type: "status.unpinned", accountId: account.id, statusId: status.id, activityId }, federatesFrom(input.origin));
    }
    return ok(status);
  });
}
