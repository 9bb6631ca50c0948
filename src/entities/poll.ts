// Polls as Mastodon's Poll entity. A poll is stored on its status row (the
// poll JSON) and takes the status's id, as one status carries one poll.
import { pollExpired, pollOf } from "../../db/queries/polls.ts";
import type { StatusRow } from "../../db/queries/statuses.ts";
import { isoTime } from "./context.ts";
import type { CustomEmojiEntity } from "./custom-emoji.ts";

export interface PollEntity {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  options: { title: string; votes_count: number | null }[];
  emojis: CustomEmojiEntity[];
  voted?: boolean;
  own_votes?: number[];
}

/**
 * Serializes the poll of a status. With a viewer, `voted` and `own_votes`
 * come from their votes (the author counts as having voted, as in Mastodon);
 * hidden totals show as null until the poll ends (Mastodon's Poll#loaded_options).
 */
export function serializePoll(status: StatusRow, viewer: { accountId: string; ownVotes: number[] } | null): PollEntity | null {
  const poll = pollOf(status);
  if (!poll) return null;
  const expired = pollExpired(poll);
  const showTotals = expired || !poll.hideTotals;
  return {
    id: status.id,
    expires_at: poll.expiresAt === null ? null : isoTime(poll.expiresAt),
    expired,
    multiple: poll.multiple,
    votes_count: poll.options.reduce((sum, o) => sum + o.votesCount, 0),
    voters_count: poll.votersCount,
    options: poll.options.map((o) => ({ title: o.title, votes_count: showTotals ? o.votesCount : null })),
    emojis: [],
    ...(viewer
      ? { voted: viewer.ownVotes.length > 0 || viewer.accountId === status.account_id, own_votes: viewer.ownVotes }
      : {}),
  };
}
