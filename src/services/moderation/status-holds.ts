// The pending-review hold: a held status is seen by nobody but its author and
// staff, and goes to no other instance, until a moderator releases it (then it
// is delivered as if it had just arrived: publishStatus, the fan-out of
// createStatus) or removes it. Rules hold at creation, before any fan-out;
// a moderator may also hold a status already delivered, which takes it back
// out of timelines and notifications.
import { findAccountById } from "../../../db/queries/accounts.ts";
import { deleteHold, findHold, insertHold, unpublishStatus } from "../../../db/queries/status-holds.ts";
import { findMentionedAccountIds, findStatusById, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, type Tx, writeTransaction } from "../context.ts";
import { removeStatus } from "../statuses/delete-status.ts";
import { publishStatus } from "../statuses/publish-status.ts";
import { type Moderator, recordAudit } from "./audit.ts";

/**
 * Holds a stored status in the caller's transaction, audited; `published` says it had been
 * delivered already, and then it is taken back out of timelines and notifications.
 */
export async function holdInTransaction(
  deps: ServiceDeps,
  tx: Tx,
  moderator: Moderator,
  status: StatusRow,
  hold: { reason: string; ruleId: Id | null; published: boolean },
): Promise<void> {
  if (hold.published) await unpublishStatus(tx, status.id);
  await insertHold(tx, {
    status_id: status.id,
    rule_id: hold.ruleId,
    actor_account_id: moderator.accountId,
    actor_name: moderator.name,
    reason: hold.reason,
    published: hold.published ? 1 : 0,
    created_at: Date.now(),
  });
  await recordAudit(deps, tx, moderator, { action: "status.hold", targetType: "status", targetId: status.id, reason: hold.reason, data: { rule_id: hold.ruleId } });
}

/** A moderator holds a delivered status: it leaves timelines and notifications until released. */
export async function holdStatus(deps: ServiceDeps, moderator: Moderator, statusId: Id, reason: string): Promise<Result<StatusRow>> {
  const status = await findStatusById(deps.db, statusId);
  if (!status || status.reblog_of_id !== null) return fail("not-found", "Record not found");
  if (status.held_at !== null) return fail("conflict", "Status is already held for review");
  return writeTransaction(deps, async (tx) => {
    await holdInTransaction(deps, tx, moderator, status, { reason, ruleId: null, published: true });
    return ok((await findStatusById(tx, status.id))!);
  });
}

/** Releases a held status: it is delivered now (for a local one never sent, to other instances too). */
export async function releaseHold(deps: ServiceDeps, moderator: Moderator, statusId: Id): Promise<Result<StatusRow>> {
  const hold = await findHold(deps.db, statusId);
  const status = hold && (await findStatusById(deps.db, statusId));
  const author = status && (await findAccountById(deps.db, status.account_id));
  if (!hold || !status || !author) return fail("not-found", "Record not found");
  return writeTransaction(deps, async (tx, emit) => {
    await deleteHold(tx, status.id);
    await recordAudit(deps, tx, moderator, { action: "status.release", targetType: "status", targetId: status.id, data: { rule_id: hold.rule_id } });
    const released = (await findStatusById(tx, status.id))!;
    const mentionAccountIds = await findMentionedAccountIds(tx, status.id);
    await publishStatus(deps, tx, emit, { status: released, author, mentionAccountIds, federate: status.local === 1 && hold.published === 0 });
    return ok(released);
  });
}

/** Removes a held status for good; other instances hear of it only if it had reached them. */
export async function removeHeldStatus(deps: ServiceDeps, moderator: Moderator, statusId: Id, reason: string): Promise<Result<StatusRow>> {
  const hold = await findHold(deps.db, statusId);
  const status = hold && (await findStatusById(deps.db, statusId));
  if (!hold || !status) return fail("not-found", "Record not found");
  return writeTransaction(deps, async (tx, emit) => {
    await recordAudit(deps, tx, moderator, { action: "status.remove", targetType: "status", targetId: status.id, reason, data: { rule_id: hold.rule_id, uri: status.uri } });
    await removeStatus(deps, tx, emit, status, { federate: status.local === 1 && hold.published === 1 });
    return ok(status);
  });
}
