// Who among the accounts streaming right now should get an event: one query
// per question, whatever the number of listeners (the streaming hub asks only
// about accounts connected to its process).
import type { Id } from "../schema/index.ts";
import type { ConversationRow } from "./conversations.ts";
import type { Executor } from "./executor.ts";
import { liveTokens } from "./oauth-tokens.ts";
import type { ListRow } from "./lists.ts";

/** Of the candidates, those whose home timeline holds the status (fan-out already applied its rules). */
export async function findHomeReaders(db: Executor, statusId: Id, candidateIds: readonly Id[]): Promise<Id[]> {
  if (candidateIds.length === 0) return [];
  const rows = await db
    .selectFrom("home_timeline_entries")
    .select("account_id")
    .where("status_id", "=", statusId)
    .where("account_id", "in", candidateIds)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Of the candidates, those who follow the account. */
export async function findFollowersAmong(db: Executor, accountId: Id, candidateIds: readonly Id[]): Promise<Id[]> {
  if (candidateIds.length === 0) return [];
  const rows = await db
    .selectFrom("follows")
    .select("account_id")
    .where("target_account_id", "=", accountId)
    .where("account_id", "in", candidateIds)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Of the given lists, those the account is a member of. */
export function findListsWithMember(db: Executor, memberId: Id, listIds: readonly Id[]): Promise<ListRow[]> {
  if (listIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("lists")
    .innerJoin("list_accounts", "list_accounts.list_id", "lists.id")
    .selectAll("lists")
    .where("list_accounts.account_id", "=", memberId)
    .where("lists.id", "in", listIds)
    .execute();
}

/** The conversations (of the given accounts) a status was filed under, each with its latest status. */
export async function findConversationsOfStatus(db: Executor, statusId: Id, accountIds: readonly Id[]): Promise<ConversationRow[]> {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom("conversations as c")
    .innerJoin("conversation_statuses as cs", "cs.conversation_id", "c.id")
    .selectAll("c")
    .select((eb) => eb.fn.max("cs.status_id").as("last_status_id"))
    .where("c.account_id", "in", accountIds)
    .where("c.id", "in", (eb) => eb.selectFrom("conversation_statuses").select("conversation_id").where("status_id", "=", statusId))
    .groupBy("c.id")
    .execute() as Promise<ConversationRow[]>;
}

/** A status's hashtags (lowercased names) and whether it has media: what public streams route on. */
export async function findStatusRouting(db: Executor, statusId: Id): Promise<{ tags: string[]; hasMedia: boolean }> {
  const [tags, media] = await Promise.all([
    db
      .selectFrom("status_tags")
      .innerJoin("tags", "tags.id", "status_tags.tag_id")
      .select("tags.name")
      .where("status_tags.status_id", "=", statusId)
      .execute(),
    db.selectFrom("media_attachments").select("id").where("status_id", "=", statusId).limit(1).executeTakeFirst(),
  ]);
  return { tags: tags.map((t) => t.name), hasMedia: media !== undefined };
}

/** Of the given token ids, those still usable (liveTokens: a suspended or disabled account's streams close too). */
export async function findLiveTokenIds(db: Executor, tokenIds: readonly Id[]): Promise<Set<Id>> {
  if (tokenIds.length === 0) return new Set();
  const rows = await liveTokens(db).select("oauth_access_tokens.id").where("oauth_access_tokens.id", "in", tokenIds).execute();
  return new Set(rows.map((r) => r.id));
}
