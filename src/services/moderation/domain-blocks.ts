// Instance-level domain blocks (Mastodon's admin domain blocks), audited:
// suspend defederates a domain and purges what Parley holds of it, silence
// limits its accounts, reject_media drops its media. Not a user's own domain
// block (services/relationships/block-domain.ts), whose domain form it shares.
import type { AccountRow } from "../../../db/queries/accounts.ts";
import {
  type DomainBlockRow,
  deleteDomainBlock,
  dropMediaOfAccounts,
  findAccountIdsOfDomain,
  findDomainBlockByDomain,
  findDomainBlockById,
  findDomainBlocksFor,
  insertDomainBlock,
  silenceAccounts,
  unsilenceAccounts,
  updateDomainBlock,
} from "../../../db/queries/domain-blocks.ts";
import type { BlocklistEntry, DomainBlockSeverity } from "../../../db/schema/federation-controls.ts";
import type { Id } from "../../../db/schema/index.ts";
import { coveringDomains, mostSpecific, SEVERITIES } from "../../domain/domain-blocks.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { can } from "../../domain/roles.ts";
import { deleteAccount } from "../accounts/delete-account.ts";
import { type ServiceDeps, type Tx, writeTransaction } from "../context.ts";
import { normalizeDomain } from "../relationships/block-domain.ts";
import { type Moderator, recordAudit } from "./audit.ts";

/** What may be set on a block; unset fields keep their value (or Mastodon's defaults on create). */
export interface DomainBlockChanges {
  severity?: DomainBlockSeverity;
  reject_media?: boolean;
  reject_reports?: boolean;
  private_comment?: string | null;
  public_comment?: string | null;
  obfuscate?: boolean;
}

const MAX_COMMENT = 1_000;
const flag = (value: boolean | undefined, before: number) => (value === undefined ? before : value ? 1 : 0);

/** A block as a blocklist entry (what CSV export writes and subscriptions compare). */
export function blockEntry(row: DomainBlockRow): BlocklistEntry {
  return {
    domain: row.domain,
    severity: row.severity,
    reject_media: row.reject_media === 1,
    reject_reports: row.reject_reports === 1,
    public_comment: row.public_comment,
    obfuscate: row.obfuscate === 1,
  };
}

function problem(moderator: Moderator, changes: DomainBlockChanges): Result<void> {
  if (!can(moderator.role, "manage_federation")) return fail("forbidden", "This action is not allowed");
  if (changes.severity !== undefined && !SEVERITIES.includes(changes.severity)) return fail("validation", "Validation failed: Severity is not included in the list");
  for (const comment of [changes.private_comment, changes.public_comment]) {
    if (comment && comment.length > MAX_COMMENT) return fail("validation", `Validation failed: comments are at most ${MAX_COMMENT} characters`);
  }
  return ok(undefined);
}

/** The stored form of a domain an operator may block, or a validation failure. */
export function blockableDomain(deps: ServiceDeps, input: string): Result<string> {
  const domain = normalizeDomain(input.replace(/^\*\./, ""));
  if (!domain) return fail("validation", "Validation failed: Domain is invalid");
  if (domain === deps.uris.host.toLowerCase() || domain === deps.uris.host.toLowerCase().replace(/:\d+$/, "")) {
    return fail("validation", "Validation failed: Domain cannot be this server");
  }
  return ok(domain);
}

/** Blocks a domain (and its subdomains); a second block of the same domain is a conflict. */
export async function createDomainBlock(
  deps: ServiceDeps,
  moderator: Moderator,
  input: DomainBlockChanges & { domain: string },
  origin: { subscriptionId?: Id } = {},
): Promise<Result<DomainBlockRow>> {
  const checked = problem(moderator, input);
  if (!checked.ok) return checked;
  const domain = blockableDomain(deps, input.domain);
  if (!domain.ok) return domain;
  if (await findDomainBlockByDomain(deps.db, domain.value)) return fail("conflict", "Validation failed: Domain is already blocked");
  const now = Date.now();
  const row: DomainBlockRow = {
    id: deps.ids.next(),
    domain: domain.value,
    severity: input.severity ?? "silence",
    reject_media: flag(input.reject_media, 0),
    reject_reports: flag(input.reject_reports, 0),
    private_comment: input.private_comment ?? null,
    public_comment: input.public_comment ?? null,
    obfuscate: flag(input.obfuscate, 0),
    subscription_id: origin.subscriptionId ?? null,
    created_at: now,
    updated_at: now,
  };
  await writeTransaction(deps, async (tx) => {
    await insertDomainBlock(tx, row);
    await enforceInTransaction(tx, null, row);
    await recordAudit(deps, tx, moderator, { action: "domain_block.create", targetType: "domain_block", targetId: row.id, data: { ...blockEntry(row), subscription_id: row.subscription_id } });
  });
  await purgeIfSuspended(deps, null, row);
  return ok(row);
}

/**
 * Changes a block. A change made here takes the block over from the
 * subscription it came from (a local decision is never overwritten by a list);
 * a subscription passes its own id to keep it.
 */
export async function updateDomainBlockSettings(
  deps: ServiceDeps,
  moderator: Moderator,
  id: Id,
  changes: DomainBlockChanges,
  origin: { subscriptionId?: Id } = {},
): Promise<Result<DomainBlockRow>> {
  const checked = problem(moderator, changes);
  if (!checked.ok) return checked;
  const before = await findDomainBlockById(deps.db, id);
  if (!before) return fail("not-found", "Record not found");
  const after: DomainBlockRow = {
    ...before,
    severity: changes.severity ?? before.severity,
    reject_media: flag(changes.reject_media, before.reject_media),
    reject_reports: flag(changes.reject_reports, before.reject_reports),
    private_comment: changes.private_comment === undefined ? before.private_comment : changes.private_comment,
    public_comment: changes.public_comment === undefined ? before.public_comment : changes.public_comment,
    obfuscate: flag(changes.obfuscate, before.obfuscate),
    subscription_id: origin.subscriptionId ?? null,
    updated_at: Date.now(),
  };
  await writeTransaction(deps, async (tx) => {
    const { id: _id, domain: _domain, created_at: _created, ...set } = after;
    await updateDomainBlock(tx, id, set);
    await enforceInTransaction(tx, before, after);
    await recordAudit(deps, tx, moderator, { action: "domain_block.update", targetType: "domain_block", targetId: id, data: { domain: before.domain, from: blockEntry(before), to: blockEntry(after) } });
  });
  await purgeIfSuspended(deps, before, after);
  return ok(after);
}

/** Lifts a block: silenced accounts are unsilenced; purged content does not come back. */
export async function removeDomainBlock(deps: ServiceDeps, moderator: Moderator, id: Id): Promise<Result<DomainBlockRow>> {
  if (!can(moderator.role, "manage_federation")) return fail("forbidden", "This action is not allowed");
  const before = await findDomainBlockById(deps.db, id);
  if (!before) return fail("not-found", "Record not found");
  await writeTransaction(deps, async (tx) => {
    await deleteDomainBlock(tx, id);
    await enforceInTransaction(tx, before, null);
    await recordAudit(deps, tx, moderator, { action: "domain_block.remove", targetType: "domain_block", targetId: id, data: { ...blockEntry(before), subscription_id: before.subscription_id } });
  });
  return ok(before);
}

/** Silences a newly stored account of a silenced domain, as of its block (lifting the block lifts it). */
export async function applyDomainSilence(deps: ServiceDeps, account: AccountRow): Promise<AccountRow> {
  if (account.domain === null || account.silenced_at !== null) return account;
  const block = mostSpecific(await findDomainBlocksFor(deps.db, coveringDomains(account.domain)));
  if (block?.severity !== "silence") return account;
  await writeTransaction(deps, (tx) => silenceAccounts(tx, [account.id], block.created_at));
  return { ...account, silenced_at: block.created_at };
}

// Silence and media take effect with the block, in its transaction (Mastodon's BlockDomainService).
async function enforceInTransaction(tx: Tx, before: DomainBlockRow | null, after: DomainBlockRow | null): Promise<void> {
  const domain = (after ?? before)!.domain;
  const accountIds = await findAccountIdsOfDomain(tx, domain);
  if (before?.severity === "silence" && after?.severity !== "silence") await unsilenceAccounts(tx, accountIds, before.created_at);
  if (after?.severity === "silence") await silenceAccounts(tx, accountIds, after.created_at);
  if (after && (after.reject_media === 1 || after.severity === "suspend") && !(before && (before.reject_media === 1 || before.severity === "suspend"))) {
    await dropMediaOfAccounts(tx, accountIds);
  }
}

// A suspension purges every account of the domain with all it holds, follows
// both ways included, as an inbound Delete of each actor would (nothing is sent:
// the domain is not delivered to).
async function purgeIfSuspended(deps: ServiceDeps, before: DomainBlockRow | null, after: DomainBlockRow): Promise<void> {
  if (after.severity !== "suspend" || before?.severity === "suspend") return;
  for (const accountId of await findAccountIdsOfDomain(deps.db, after.domain)) {
    await deleteAccount(deps, { accountId, origin: "remote" });
  }
}
