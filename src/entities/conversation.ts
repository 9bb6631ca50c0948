// Direct-message conversations as Mastodon's Conversation entity.
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { ConversationRow } from "../../db/queries/conversations.ts";
import type { StatusPage } from "../../db/queries/status-page.ts";
import type { Id } from "../../db/schema/index.ts";
import { type AccountEntity, serializeAccount } from "./account.ts";
import type { EntityContext } from "./context.ts";
import { type StatusEntity, serializeStatus } from "./status.ts";

export interface ConversationEntity {
  id: string;
  unread: boolean;
  accounts: AccountEntity[];
  last_status: StatusEntity | null;
}

/** The ids of a conversation's other participants. */
export function participantIdsOf(row: Pick<ConversationRow, "participant_ids">): Id[] {
  return row.participant_ids === "" ? [] : row.participant_ids.split(",");
}

/** Serializes conversations with their participants and last statuses, loaded in batch. */
export function serializeConversations(
  ctx: EntityContext,
  rows: readonly ConversationRow[],
  accounts: Map<Id, AccountRow>,
  statuses: StatusPage,
): ConversationEntity[] {
  return rows.map((row) => {
    const last = statuses.statuses.get(row.last_status_id);
    return {
      id: row.id,
      unread: row.unread === 1,
      accounts: participantIdsOf(row).flatMap((id) => {
        const account = accounts.get(id);
        return account ? [serializeAccount(ctx, account)] : [];
      }),
      last_status: last ? serializeStatus(ctx, statuses, last) : null,
    };
  });
}
