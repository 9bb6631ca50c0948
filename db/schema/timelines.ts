// Row types of lists, markers, conversations and notification filtering
// (migration 0007-timelines).
import type { Flag, Id, Millis } from "./index.ts";

export type RepliesPolicy = "followed" | "list" | "none";

export interface ListsTable {
  id: Id;
  account_id: Id;
  title: string;
  replies_policy: RepliesPolicy;
  /** Members' posts leave the owner's home timeline. */
  exclusive: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export interface ListAccountsTable {
  list_id: Id;
  account_id: Id;
  /** The owner's follow of the member; the membership ends with it. */
  follow_id: Id;
  created_at: Millis;
}

export type MarkerTimeline = "home" | "notifications";

export interface MarkersTable {
  account_id: Id;
  timeline: MarkerTimeline;
  last_read_id: Id;
  version: number;
  updated_at: Millis;
}

/** One direct-message thread as one account sees it (Mastodon's AccountConversation). */
export interface ConversationsTable {
  id: Id;
  account_id: Id;
  /** The thread (statuses.thread_id, or the root's own id). */
  thread_id: Id;
  /** The other participants' ids, sorted, comma-separated. */
  participant_ids: string;
  unread: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export interface ConversationStatusesTable {
  conversation_id: Id;
  status_id: Id;
}

export type PolicyAction = "accept" | "filter" | "drop";

export interface NotificationPoliciesTable {
  account_id: Id;
  for_not_following: PolicyAction;
  for_not_followers: PolicyAction;
  for_new_accounts: PolicyAction;
  for_private_mentions: PolicyAction;
  for_limited_accounts: PolicyAction;
  updated_at: Millis;
}

/** The five settings of a policy. */
export type PolicySettings = Omit<NotificationPoliciesTable, "account_id" | "updated_at">;

/** Filtered notifications from one account to another, pending a decision. */
export interface NotificationRequestsTable {
  id: Id;
  account_id: Id;
  from_account_id: Id;
  last_status_id: Id | null;
  created_at: Millis;
  updated_at: Millis;
}

/** An accepted request: this sender's notifications are never filtered again. */
export interface NotificationPermissionsTable {
  account_id: Id;
  from_account_id: Id;
  created_at: Millis;
}

export interface TimelinesTables {
  lists: ListsTable;
  list_accounts: ListAccountsTable;
  markers: MarkersTable;
  conversations: ConversationsTable;
  conversation_statuses: ConversationStatusesTable;
  notification_policies: NotificationPoliciesTable;
  notification_requests: NotificationRequestsTable;
  notification_permissions: NotificationPermissionsTable;
}
