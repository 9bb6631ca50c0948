// Voting: a local vote (API) and a remote one (an inbound vote Note on a
// local poll) both come here. Counts live in the poll JSON of the status row,
// updated under a row lock; each chosen option is a poll_votes row.
import { findAccountById } from "../../../db/queries/accounts.ts";
import { findChoicesOf, insertPollVotes, lockStatusRow, pollExpired, pollOf, updatePollData, upsertPollDeadline } from "../../../db/queries/polls.ts";
import { findStatusById, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Origin } from "../../domain/events.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { mayViewStatus } from "../visibility/may-view-status.ts";

export interface VoteInput {
  accountId: Id;
  /** The poll's status. */
  statusId: Id;
  /** Indexes into the poll's options. */
  choices: number[];
  origin: Origin;
  /** The vote Note's id, for a remote vote (one Note per chosen option). */
  uri?: string;
}

// Mastodon's messages (config/locales/en.yml, polls.errors).
const ALREADY_VOTED = "You have already voted on this poll";

function checkChoices(poll: NonNullable<ReturnType<typeof pollOf>>, choices: number[]): string | null {
  if (choices.length === 0) return "You must choose at least one option";
  if (choices.some((c) => !Number.isInteger(c) || c < 0 || c >= poll.options.length)) return "The chosen vote option does not exist";
  if (new Set(choices).size !== choices.length) return "The chosen vote option does not exist";
  if (!poll.multiple && choices.length > 1) return "This poll allows only one choice";
  return null;
}

/**
 * Records a vote and updates the counts. A local account votes once per poll;
 * a remote voter's options of a multiple-choice poll arrive one Note each.
 * Expired polls, one's own poll and unknown options are refused (422).
 */
export async function voteInPoll(deps: ServiceDeps, input: VoteInput): Promise<Result<StatusRow>> {
  const [account, status] = await Promise.all([findAccountById(deps.db, input.accountId), findStatusById(deps.db, input.statusId)]);
  if (!account || account.deleted_at !== null) return fail("not-found", "Account not found");
  const poll = status && pollOf(status);
  if (!status || !poll || !(await mayViewStatus(deps.db, status, account.id))) return fail("not-found", "Record not found");
  if ((input.origin === "local") !== (account.domain === null)) return fail("forbidden", "Votes come from the voter's origin");
  if (status.account_id === account.id) return fail("validation", "You cannot vote in your own polls");
  if (pollExpired(poll)) return fail("validation", "The poll has already ended");
  const problem = checkChoices(poll, input.choices);
  if (problem) return fail("validation", problem);

  return writeTransaction(deps, async (tx, emit) => {
    await lockStatusRow(tx, status.id);
    const current = pollOf((await findStatusById(tx, status.id))!)!;
    const previous = await findChoicesOf(tx, status.id, account.id);
    const repeated = input.choices.some((c) => previous.includes(c));
    if (previous.length > 0 && (input.origin === "local" || !current.multiple || repeated)) return fail("validation", ALREADY_VOTED);

    const now = Date.now();
    const votes = input.choices.map((choice) => {
      const id = deps.ids.next();
      const uri = input.uri ?? `${deps.uris.actor(account.username)}#votes/${id}`;
      return { id, status_id: status.id, account_id: account.id, choice, uri, created_at: now };
    });
    await insertPollVotes(tx, votes);
    await updatePollData(tx, status.id, {
      ...current,
      options: current.options.map((o, i) => (input.choices.includes(i) ? { ...o, votesCount: o.votesCount + 1 } : o)),
      votersCount: previous.length === 0 && current.votersCount !== null ? current.votersCount + 1 : current.votersCount,
    });
    if (status.local === 1) {
      // Followers and voters see the new counts (Mastodon's DistributePollUpdateWorker).
      emit({ type: "poll.updated", statusId: status.id, activityId: `${status.uri}#updates/${deps.ids.next()}` }, { federate: true });
    } else if (account.domain === null) {
      emit({ type: "poll.voted", statusId: status.id, accountId: account.id, voteIds: votes.map((v) => v.id) }, { federate: true });
      // A local voter hears when a remote poll ends.
      if (current.expiresAt !== null) await upsertPollDeadline(tx, status.id, current.expiresAt);
    }
    return ok((await findStatusById(tx, status.id))!);
  });
}
