// Moderation actions on statuses: delete one, or mark its media sensitive (a
// local status's change is federated as Update). The admin tools and the CLI
// come here; the local author is warned, and the action is audited in its
// transaction.
import { findAccountById } from "../../../db/queries/accounts.ts";
import { findStatusById } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { writeTransaction, type ServiceDeps } from "../context.ts";
import { removeStatus } from "../statuses/delete-status.ts";
import { warn } from "./account-actions.ts";
import { type Moderator, recordAudit } from "./audit.ts";

export type StatusActionType = "delete" | "sensitive";

/** Deletes a status or marks it sensitive, as a moderator. */
export async function moderateStatus(deps: ServiceDeps, moderator: Moderator, input: { statusId: Id; action: StatusActionType; reason?: string | null }): Promise<Result<void>> {
  const status = await findStatusById(deps.db, input.statusId);
  if (!status || status.reblog_of_id !== null) return fail("not-found", "Record not found");
  const author = await findAccountById(deps.db, status.account_id);
  if (!author) return fail("not-found", "Record not found");
  const local = status.local === 1;
  return writeTransaction(deps, async (tx, emit) => {
    if (input.action === "delete") {
      await removeStatus(deps, tx, emit, status, { federate: local });
    } else {
      await tx.updateTable("statuses").set({ sensitive: 1, updated_at: Date.now() }).where("id", "=", status.id).execute();
      emit({ type: "status.updated", statusId: status.id }, { federate: local });
    }
    const action = input.action === "delete" ? "delete_statuses" : "mark_statuses_as_sensitive";
    if (author.domain === null) await warn(deps, tx, emit, moderator, author, action, { text: input.reason, statusIds: [status.id] });
    await recordAudit(deps, tx, moderator, { action: `status.${input.action}`, targetType: "status", targetId: status.id, reason: input.reason ?? null, data: { account_id: author.id } });
    return ok(undefined);
  });
}
