// Muting a conversation: no more notifications from a thread (Mastodon's
// conversation mutes). Private to the account; nothing federates.
import { deleteConversationMute, insertConversationMute, threadOf } from "../../../db/queries/conversation-mutes.ts";
import { findStatusById, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import type { ServiceDeps } from "../context.ts";
import { mayViewStatus } from "../visibility/may-view-status.ts";

export interface ConversationMuteInput {
  accountId: Id;
  statusId: Id;
}

async function visible(deps: ServiceDeps, input: ConversationMuteInput): Promise<StatusRow | null> {
  const status = await findStatusById(deps.db, input.statusId);
  return status && status.reblog_of_id === null && (await mayViewStatus(deps.db, status, input.accountId)) ? status : null;
}

/** Mutes the thread of a status the account may see; idempotent. */
export async function muteConversation(deps: ServiceDeps, input: ConversationMuteInput): Promise<Result<StatusRow>> {
  const status = await visible(deps, input);
  if (!status) return fail("not-found", "Record not found");
  await insertConversationMute(deps.db, input.accountId, threadOf(status));
  return ok(status);
}

/** Unmutes the thread of a status; idempotent. */
export async function unmuteConversation(deps: ServiceDeps, input: ConversationMuteInput): Promise<Result<StatusRow>> {
  const status = await visible(deps, input);
  if (!status) return fail("not-found", "Record not found");
  await deleteConversationMute(deps.db, input.accountId, threadOf(status));
  return ok(status);
}
