// Delivering a stored status to its audience: home timelines, notifications
// of subscribers and mentioned accounts, direct conversations, streaming and,
// for a local status, federation (the status.created event). createStatus
// runs it unless the status is held for review; releasing the hold runs it then.
import { findAccountsByIds, type AccountRow } from "../../../db/queries/accounts.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Emit, ServiceDeps, Tx } from "../context.ts";
import { fileDirectStatus } from "../conversations/file-direct-status.ts";
import { notifyAccounts } from "../notifications/notify-accounts.ts";
import { fanOutToHomes, notifyPostSubscribers } from "./fan-out.ts";

/** Fans a status out to everyone who should get it, as if it had just arrived; `federate` sends a local one to other instances. */
export async function publishStatus(
  deps: ServiceDeps,
  tx: Tx,
  emit: Emit,
  post: { status: StatusRow; author: AccountRow; mentionAccountIds: readonly Id[]; federate: boolean },
): Promise<void> {
  const { status, author } = post;
  const mentioned = await findAccountsByIds(tx, [...post.mentionAccountIds]);
  const localMentionIds = mentioned.filter((a) => a.domain === null).map((a) => a.id);
  const homes = await fanOutToHomes(tx, author, status, localMentionIds);
  await notifyPostSubscribers(deps, tx, emit, author, status, homes);
  await fileDirectStatus(deps, tx, status, author, mentioned);
  await notifyAccounts(deps, tx, emit, { type: "mention", fromAccountId: author.id, statusId: status.id, recipientIds: localMentionIds });
  emit({ type: "status.created", statusId: status.id }, { federate: post.federate });
}
