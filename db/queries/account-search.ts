// Finding accounts: by handle, by a search term, for the profile directory,
// for follow suggestions and familiar followers. One query each.
import { sql } from "kysely";
import type { Id } from "../schema/index.ts";
import type { AccountRow } from "./accounts.ts";
import { blockedEitherWayIds } from "./blocks.ts";
import type { Executor } from "./executor.ts";
import { hiddenAccountIds } from "./hidden-accounts.ts";
import { moderatedAccountIds } from "./moderated-accounts.ts";

/** A known account by username and domain (null: local), case-insensitive; deleted ones excluded. */
export function findAccountByAcct(db: Executor, username: string, domain: string | null): Promise<AccountRow | undefined> {
  return db
    .selectFrom("accounts")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["username"]), "=", username.toLowerCase()))
    .where((eb) => (domain === null ? eb("domain", "is", null) : eb("domain", "=", domain.toLowerCase())))
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** Escapes LIKE wildcards so a term matches literally (with `escape '\'`). */
export function likePrefix(term: string): string {
  return `${term.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export interface AccountSearch {
  /** What the user typed without a leading @: a name prefix, or username@domain. */
  term: string;
  /** null for an anonymous search (then nobody is hidden and `following` is ignored). */
  viewerId: Id | null;
  following: boolean;
  limit: number;
  offset: number;
}

/** Accounts whose username or display name starts with the term (or the exact user@domain), best first. */
export function searchAccounts(db: Executor, search: AccountSearch): Promise<AccountRow[]> {
  const [username, domain] = search.term.split("@") as [string, string | undefined];
  let query = db
    .selectFrom("accounts")
    .selectAll()
    .where("deleted_at", "is", null)
    .where("id", "not in", moderatedAccountIds(db, search.viewerId))
    .orderBy(sql`case when lower(username) = ${username.toLowerCase()} then 0 else 1 end`)
    .orderBy("followers_count", "desc")
    .orderBy("id")
    .limit(search.limit)
    .offset(search.offset);
  if (domain) {
    query = query.where((eb) => eb(eb.fn("lower", ["username"]), "=", username.toLowerCase())).where("domain", "=", domain.toLowerCase());
  } else {
    const pattern = likePrefix(username);
    query = query.where((eb) =>
      eb.or([sql<boolean>`lower(username) like ${pattern} escape '\\'`, sql<boolean>`lower(display_name) like ${pattern} escape '\\'`])
    );
  }
  const viewer = search.viewerId;
  if (viewer) {
    query = query.where("id", "not in", blockedEitherWayIds(db, viewer));
    if (search.following) query = query.where("id", "in", db.selectFrom("follows").select("target_account_id").where("account_id", "=", viewer));
  }
  return query.execute();
}

/** The profile directory: discoverable accounts, recently active or newest first. */
export function listDirectory(
  db: Executor,
  options: { localOnly: boolean; order: "active" | "new"; limit: number; offset: number; viewerId: Id | null },
): Promise<AccountRow[]> {
  let query = db
    .selectFrom("accounts")
    .selectAll()
    .where("discoverable", "=", 1)
    .where("deleted_at", "is", null)
    .limit(options.limit)
    .offset(options.offset);
  query = options.order === "new"
    ? query.orderBy("id", "desc")
    : query.orderBy(sql`case when last_status_at is null then 1 else 0 end`).orderBy("last_status_at", "desc").orderBy("id", "desc");
  if (options.localOnly) query = query.where("domain", "is", null);
  query = query.where("id", "not in", hiddenAccountIds(db, options.viewerId));
  if (options.viewerId) query = query.where("id", "!=", options.viewerId);
  return query.execute();
}

/** Popular local accounts the viewer doesn't follow, hide, or dismissed: simple follow suggestions. */
export function listSuggestedAccounts(db: Executor, viewerId: Id, limit: number): Promise<AccountRow[]> {
  return db
    .selectFrom("accounts")
    .selectAll()
    .where("domain", "is", null)
    .where("discoverable", "=", 1)
    .where("deleted_at", "is", null)
    .where("id", "!=", viewerId)
    .where("id", "not in", db.selectFrom("follows").select("target_account_id").where("account_id", "=", viewerId))
    .where("id", "not in", db.selectFrom("follow_requests").select("target_account_id").where("account_id", "=", viewerId))
    .where("id", "not in", db.selectFrom("suggestion_dismissals").select("target_account_id").where("account_id", "=", viewerId))
    .where("id", "not in", hiddenAccountIds(db, viewerId))
    .orderBy("followers_count", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Stops suggesting target to the viewer. */
export async function insertSuggestionDismissal(db: Executor, viewerId: Id, targetId: Id): Promise<void> {
  await db
    .insertInto("suggestion_dismissals")
    .values({ account_id: viewerId, target_account_id: targetId, created_at: Date.now() })
    .onConflict((oc) => oc.columns(["account_id", "target_account_id"]).doNothing())
    .execute();
}

/** For each target, the accounts the viewer follows that also follow it. */
export async function findFamiliarFollowers(db: Executor, viewerId: Id, targetIds: readonly Id[]): Promise<Map<Id, AccountRow[]>> {
  const result = new Map<Id, AccountRow[]>(targetIds.map((id) => [id, []]));
  if (targetIds.length === 0) return result;
  const rows = await db
    .selectFrom("follows as mine")
    .innerJoin("follows as theirs", "theirs.account_id", "mine.target_account_id")
    .innerJoin("accounts", "accounts.id", "mine.target_account_id")
    .selectAll("accounts")
    .select("theirs.target_account_id as familiar_to")
    .where("mine.account_id", "=", viewerId)
    .where("theirs.target_account_id", "in", targetIds)
    .where("accounts.deleted_at", "is", null)
    .orderBy("accounts.followers_count", "desc")
    .execute();
  for (const { familiar_to, ...account } of rows) result.get(familiar_to)?.push(account);
  return result;
}
