// Keeps each local participant's direct-message conversations (Mastodon's
// AccountConversation) as direct statuses are created, local or remote.
import type { AccountRow } from "../../../db/queries/accounts.ts";
import { threadOf } from "../../../db/queries/conversation-mutes.ts";
import { fileConversationStatus } from "../../../db/queries/conversations.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import type { ServiceDeps, Tx } from "../context.ts";

/** Files a direct status under the conversation of each local participant; unread for all but its author. */
export async function fileDirectStatus(deps: ServiceDeps, tx: Tx, status: StatusRow, author: AccountRow, mentioned: readonly AccountRow[]): Promise<void> {
  if (status.visibility !== "direct") return;
  const participants = [...new Set([author.id, ...mentioned.map((a) => a.id)])];
  const locals = [author, ...mentioned].filter((a) => a.domain === null).map((a) => a.id);
  const thread = threadOf(status);
  for (const accountId of new Set(locals)) {
    const others = participants.filter((id) => id !== accountId).sort();
    await fileConversationStatus(
      tx,
      { id: deps.ids.next(), account_id: accountId, thread_id: thread, participant_ids: others.join(","), unread: accountId === author.id ? 0 : 1 },
      status.id,
    );
  }
}
