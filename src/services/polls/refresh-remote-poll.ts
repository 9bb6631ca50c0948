// New counts for a remote poll: an inbound Update(Question) that is no edit
// (Mastodon's ProcessStatusUpdateService#handle_implicit_update!) only
// refreshes the tallies; a changed question needs a real edit (updateStatus).
import { lockStatusRow, pollOf, updatePollData } from "../../../db/queries/polls.ts";
import { findStatusById, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id, PollData } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { samePollChoices } from "./poll-rules.ts";

/** Takes the author's counts and end time for the same options; anything else is left alone. */
export async function refreshRemotePoll(deps: ServiceDeps, input: { accountId: Id; statusId: Id; poll: PollData }): Promise<Result<StatusRow>> {
  const status = await findStatusById(deps.db, input.statusId);
  if (!status || status.local === 1 || status.account_id !== input.accountId) return fail("not-found", "Record not found");
  if (!samePollChoices(pollOf(status), input.poll)) return ok(status);
  return writeTransaction(deps, async (tx) => {
    await lockStatusRow(tx, status.id);
    await updatePollData(tx, status.id, input.poll);
    return ok((await findStatusById(tx, status.id))!);
  });
}
