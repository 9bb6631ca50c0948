// Accounts and relationships for the current caller, with a fixed number of
// queries per list: the accounts, the accounts they moved to, and one set of
// relationship queries.
import type { Context } from "hono";
import { type AccountRow, findAccountById, findAccountsByIds } from "../../../db/queries/accounts.ts";
import { pageRelatedAccounts, type RelatedList } from "../../../db/queries/related-accounts.ts";
import { loadRelationships } from "../../../db/queries/relationships.ts";
import { type AccountEntity, serializeAccount } from "../../entities/account.ts";
import { serializeMutedAccount } from "../../entities/muted-account.ts";
import { type RelationshipEntity, serializeRelationship } from "../../entities/relationship.ts";
import { isUnavailable } from "../../domain/account-state.ts";
import { isId } from "../../domain/ids.ts";
import { entityContext } from "./entity-context.ts";
import type { ApiEnv } from "./env.ts";
import { notFound } from "./errors.ts";
import { readKeysetPage } from "./pagination.ts";

/** Serializes accounts in order, each with the account it moved to. */
export async function renderAccounts(c: Context<ApiEnv>, rows: readonly AccountRow[]): Promise<AccountEntity[]> {
  const movedIds = [...new Set(rows.flatMap((r) => (r.moved_to_account_id ? [r.moved_to_account_id] : [])))];
  const moved = new Map((await findAccountsByIds(c.var.deps.db, movedIds)).map((a) => [a.id, a]));
  const ctx = entityContext(c);
  return rows.map((r) => serializeAccount(ctx, r, r.moved_to_account_id ? moved.get(r.moved_to_account_id) : undefined));
}

/** The account with this id, unless it doesn't exist, was deleted or is suspended (then the caller answers 404). */
export async function findVisibleAccount(c: Context<ApiEnv>, id: string): Promise<AccountRow | null> {
  const account = isId(id) ? await findAccountById(c.var.deps.db, id) : undefined;
  return account && !isUnavailable(account) ? account : null;
}

/** The viewer's relationships to the accounts, in their order. */
export async function renderRelationships(c: Context<ApiEnv>, viewerId: string, accounts: readonly AccountRow[]): Promise<RelationshipEntity[]> {
  return (await loadRelationships(c.var.deps.db, viewerId, accounts)).map(serializeRelationship);
}

/** Answers with the viewer's (fresh) relationship to one account. */
export async function respondWithRelationship(c: Context<ApiEnv>, viewerId: string, targetId: string): Promise<Response> {
  const target = await findAccountById(c.var.deps.db, targetId);
  if (!target) return notFound(c);
  const [relationship] = await renderRelationships(c, viewerId, [target]);
  return c.json(relationship);
}

/** Answers with one page of a relation list (Mastodon's caps: 40 by default, 80 at most) and its Link header. */
export async function respondWithRelatedPage(c: Context<ApiEnv>, list: RelatedList, ownerId: string): Promise<Response> {
  const rows = await readKeysetPage(c, (range) => pageRelatedAccounts(c.var.deps.db, list, ownerId, range), (r) => r.cursor, { defaultLimit: 40, maxLimit: 80 });
  if (list === "mutes") {
    const ctx = entityContext(c);
    return c.json(rows.map((r) => serializeMutedAccount(ctx, r.account, r.expiresAt)));
  }
  return c.json(await renderAccounts(c, rows.map((r) => r.account)));
}
