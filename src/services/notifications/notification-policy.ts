// Whether a notification is shown, filtered into a request, or dropped, by the
// recipient's notification policy. Rules follow Mastodon's NotifyService
// (FilterCondition and DropCondition) for the conditions Parley knows.
import { isBlockedEitherWay } from "../../../db/queries/blocks.ts";
import { findFollow } from "../../../db/queries/follows.ts";
import { findAccountById } from "../../../db/queries/accounts.ts";
import { findNotificationPolicy, hasNotificationPermission } from "../../../db/queries/notification-requests.ts";
import { findStatusById } from "../../../db/queries/statuses.ts";
import type { Executor } from "../../../db/queries/executor.ts";
import type { Id, NotificationType } from "../../../db/schema/index.ts";
import type { PolicyAction, PolicySettings } from "../../../db/schema/timelines.ts";

/** Mastodon's defaults: strangers' private mentions and limited accounts are filtered. */
export const DEFAULT_POLICY: PolicySettings = {
  for_not_following: "accept",
  for_not_followers: "accept",
  for_new_accounts: "accept",
  for_private_mentions: "filter",
  for_limited_accounts: "filter",
};

// Types a policy never holds back (Mastodon's NON_FILTERABLE_TYPES).
const NON_FILTERABLE: readonly NotificationType[] = ["poll", "update"];
const NEW_ACCOUNT_MS = 30 * 24 * 3600_000;
const NEW_FOLLOWER_MS = 3 * 24 * 3600_000;

/** An account's policy settings, defaults when it never set one. */
export async function policyOf(db: Executor, accountId: Id): Promise<PolicySettings> {
  const row = await findNotificationPolicy(db, accountId);
  if (!row) return DEFAULT_POLICY;
  const { account_id: _, updated_at: __, ...settings } = row;
  return settings;
}

/** The policy's verdict on one notification: drop wins over filter, filter over accept. */
export async function policyVerdict(
  db: Executor,
  what: { recipientId: Id; senderId: Id; type: NotificationType; statusId: Id | null },
): Promise<PolicyAction> {
  if (await isBlockedEitherWay(db, what.recipientId, what.senderId)) return "drop";
  if (NON_FILTERABLE.includes(what.type)) return "accept";
  const policy = await policyOf(db, what.recipientId);
  const active = (action: PolicyAction) => action !== "accept";
  const privateMentionRule = active(policy.for_private_mentions) && what.type === "mention" && what.statusId !== null;
  // Only the facts an active rule needs are looked up (the default policy needs one, for mentions only).
  if (!active(policy.for_not_following) && !active(policy.for_not_followers) && !active(policy.for_new_accounts) && !privateMentionRule) return "accept";
  const now = Date.now();
  const [following, follower, sender] = await Promise.all([
    active(policy.for_not_following) || privateMentionRule ? findFollow(db, "follows", what.recipientId, what.senderId) : undefined,
    active(policy.for_not_followers) ? findFollow(db, "follows", what.senderId, what.recipientId) : undefined,
    active(policy.for_new_accounts) ? findAccountById(db, what.senderId) : undefined,
  ]);
  const applicable: PolicyAction[] = [];
  if (active(policy.for_not_following) && !following) applicable.push(policy.for_not_following);
  if (active(policy.for_not_followers) && (!follower || follower.created_at > now - NEW_FOLLOWER_MS)) applicable.push(policy.for_not_followers);
  if (sender && sender.created_at > now - NEW_ACCOUNT_MS) applicable.push(policy.for_new_accounts);
  if (privateMentionRule && !following && (await isUnsolicitedPrivateMention(db, what.statusId!, what.recipientId))) {
    applicable.push(policy.for_private_mentions);
  }
  if (applicable.length === 0) return "accept";
  // An accepted request lets the sender through from then on.
  if (await hasNotificationPermission(db, what.recipientId, what.senderId)) return "accept";
  return applicable.includes("drop") ? "drop" : "filter";
}

// A direct mention that does not answer one of the recipient's own posts.
async function isUnsolicitedPrivateMention(db: Executor, statusId: Id, recipientId: Id): Promise<boolean> {
  const status = await findStatusById(db, statusId);
  if (!status || status.visibility !== "direct") return false;
  return status.in_reply_to_account_id !== recipientId;
}
