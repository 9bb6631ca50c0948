// Where activities go: recipients with their inboxes, shared where they have one.
import type { Recipient } from "@fedify/vocab";
import type { Executor } from "../../db/queries/executor.ts";
import { findRemoteFollowerRecipients } from "../../db/queries/follows.ts";
import type { Id } from "../../db/schema/index.ts";

export interface InboxOwner {
  uri: string;
  inbox_url: string;
  shared_inbox_url: string | null;
  domain?: string | null;
}

/** A stored account as a Fedify recipient. */
export function toRecipient(account: InboxOwner): Recipient {
  return {
    id: new URL(account.uri),
    inboxId: new URL(account.inbox_url),
    endpoints: account.shared_inbox_url ? { sharedInbox: new URL(account.shared_inbox_url) } : null,
  };
}

/** Remote followers of an account as recipients. */
export async function followerRecipients(db: Executor, accountId: Id): Promise<Recipient[]> {
  return (await findRemoteFollowerRecipients(db, accountId)).map(toRecipient);
}

/** Only the remote ones of the given accounts, as recipients. */
export function remoteRecipients(accounts: readonly InboxOwner[]): Recipient[] {
  return accounts.filter((a) => a.domain !== null && a.domain !== undefined).map(toRecipient);
}
