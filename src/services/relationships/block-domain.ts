// A user blocking a whole domain: its posts and notifications are hidden from
// them, and every follow between them and that domain ends, federated as
// Reject (their follows) and Undo(Follow) (ours), as Mastodon's
// AfterBlockDomainFromAccountService does.
import {
  deleteDomainBlock,
  deleteNotificationsFromDomain,
  findDomainRelations,
  insertDomainBlock,
} from "../../../db/queries/account-domain-blocks.ts";
import { findAccountById } from "../../../db/queries/accounts.ts";
import { clearFromHome } from "../../../db/queries/home-cleanup.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { removeFollow } from "../follows/remove-follow.ts";

export interface DomainBlockInput {
  accountId: Id;
  /** A host as the user typed it; normalized here. */
  domain: string;
}

/** The host of a domain as accounts.domain stores it (lowercase, punycode, port kept), or null. */
export function normalizeDomain(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "" || /[\s/@?#]/.test(trimmed)) return null;
  try {
    return new URL(`https://${trimmed}`).host;
  } catch {
    return null;
  }
}

/** Blocks a domain for a local user; idempotent. */
export async function blockDomain(deps: ServiceDeps, input: DomainBlockInput): Promise<Result<void>> {
  const domain = normalizeDomain(input.domain);
  if (!domain) return fail("validation", "Validation failed: Domain is invalid");
  if (domain === deps.uris.host.toLowerCase()) return fail("validation", "Validation failed: Domain cannot be this server");
  const account = await findAccountById(deps.db, input.accountId);
  if (!account || account.domain !== null || account.deleted_at !== null) return fail("not-found", "Record not found");

  return writeTransaction(deps, async (tx, emit) => {
    if (!(await insertDomainBlock(tx, { id: deps.ids.next(), account_id: account.id, domain, created_at: Date.now() }))) return ok(undefined);
    const { followers, following } = await findDomainRelations(tx, account.id, domain);
    for (const followerId of followers) {
      const removed = await removeFollow(tx, followerId, account.id);
      if (!removed) continue;
      const activityId = deps.uris.activity(account.username, "rejects", deps.ids.next());
      emit({ type: "follow.rejected", followerId, targetId: account.id, uri: removed.uri, activityId }, { federate: true });
    }
    for (const targetId of following) {
      const removed = await removeFollow(tx, account.id, targetId);
      if (!removed) continue;
      const activityId = deps.uris.activity(account.username, "undo", deps.ids.next());
      emit({ type: "follow.undone", followerId: account.id, targetId, uri: removed.uri, activityId }, { federate: true });
    }
    await deleteNotificationsFromDomain(tx, account.id, domain);
    await clearFromHome(tx, account.id, { domain });
    return ok(undefined);
  });
}

/** Lifts a domain block; idempotent. */
export async function unblockDomain(deps: ServiceDeps, input: DomainBlockInput): Promise<Result<void>> {
  const domain = normalizeDomain(input.domain);
  if (!domain) return fail("validation", "Validation failed: Domain is invalid");
  await writeTransaction(deps, (tx) => deleteDomainBlock(tx, input.accountId, domain));
  return ok(undefined);
}
