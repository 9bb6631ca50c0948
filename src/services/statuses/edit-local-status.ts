// A local edit from text (PUT /api/v1/statuses/:id): rendered like a post,
// the poll kept, changed or dropped as Mastodon's UpdateStatusService does,
// then updateStatus, the one editing path (it keeps the history).
import { pollOf } from "../../../db/queries/polls.ts";
import { findStatusById, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id, PollData } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import type { ServiceDeps } from "../context.ts";
import { findMediaToAttach } from "../media/claim-media.ts";
import { buildLocalPoll, type PollInput, samePollChoices } from "../polls/poll-rules.ts";
import { type HandleResolver, renderLocalText } from "./local-text.ts";
import { updateStatus } from "./update-status.ts";

export interface LocalEdit {
  accountId: Id;
  statusId: Id;
  text: string;
  spoilerText?: string;
  sensitive?: boolean;
  language?: string | null;
  /** The media after the edit, in order; absent or empty removes them, as in Mastodon. */
  mediaIds?: Id[];
  /** The poll after the edit; absent or null removes it, as in Mastodon. */
  poll?: PollInput | null;
}

/** The poll after an edit: the same question keeps its votes, with the new duration. */
function editedPoll(current: PollData | null, input: PollInput | null | undefined, now: number): Result<PollData | null> {
  if (!input) return ok(null);
  const built = buildLocalPoll(input, now);
  if (!built.ok) return built;
  return ok(samePollChoices(current, built.value) ? { ...current!, expiresAt: built.value.expiresAt, hideTotals: built.value.hideTotals } : built.value);
}

/** Edits one's own local status. */
export async function editLocalStatus(deps: ServiceDeps, edit: LocalEdit, resolveRemote: HandleResolver): Promise<Result<StatusRow>> {
  const status = await findStatusById(deps.db, edit.statusId);
  if (!status || status.account_id !== edit.accountId || status.reblog_of_id !== null) return fail("not-found", "Record not found");
  if (edit.poll && edit.mediaIds?.length) return fail("validation", "Cannot attach files to a status with a poll");
  const poll = editedPoll(pollOf(status), edit.poll, Date.now());
  if (!poll.ok) return poll;
  const media = await findMediaToAttach(deps.db, edit.accountId, edit.mediaIds ?? [], status.id);
  if (!media.ok) return media;
  const rendered = await renderLocalText(deps, edit.text, resolveRemote);
  return updateStatus(deps, {
    origin: "local",
    statusId: status.id,
    accountId: edit.accountId,
    content: rendered.html,
    text: edit.text,
    spoilerText: edit.spoilerText ?? "",
    sensitive: edit.sensitive ?? false,
    language: edit.language ?? status.language,
    mentionAccountIds: rendered.mentionedIds,
    tagNames: rendered.tags,
    poll: poll.value,
    mediaIds: media.value.map((m) => m.id),
  });
}
