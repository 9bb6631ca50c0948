// The end of polls: when a poll's time is up, its author (if local) and its
// local voters get a "poll" notification, and a local poll's final state goes
// out as Update(Question) (Mastodon's PollExpirationNotifyWorker).
import { claimEndedPolls, deletePollDeadline, findLocalVoterIds, pollOf } from "../../../db/queries/polls.ts";
import { findStatusById } from "../../../db/queries/statuses.ts";
import type { Id, Millis } from "../../../db/schema/index.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { notifyAccounts } from "../notifications/notify-accounts.ts";

export const END_BATCH = 50;
const LEASE_MS = 60_000;

async function endPoll(deps: ServiceDeps, statusId: Id): Promise<void> {
  await writeTransaction(deps, async (tx, emit) => {
    await deletePollDeadline(tx, statusId);
    const status = await findStatusById(tx, statusId);
    if (!status || !pollOf(status)) return;
    const voters = await findLocalVoterIds(tx, status.id);
    const recipients = status.local === 1 ? [status.account_id, ...voters] : voters;
    await notifyAccounts(deps, tx, emit, { type: "poll", fromAccountId: status.account_id, statusId: status.id, recipientIds: recipients });
    if (status.local === 1) emit({ type: "poll.updated", statusId: status.id, activityId: `${status.uri}#updates/${deps.ids.next()}` }, { federate: true });
  });
}

/** Handles every poll that ended by `now`; returns how many. */
export async function endDuePolls(deps: ServiceDeps, now: Millis): Promise<number> {
  const ids = await claimEndedPolls(deps.db, now, END_BATCH, LEASE_MS);
  for (const id of ids) await endPoll(deps, id);
  return ids.length;
}
