// Blocklists in bulk: an operator's CSV import (with a dry run that only
// says what would change) and export in Mastodon's format, and the one way
// planned changes are applied, by an import or a subscription.
import { findDomainBlockByDomain, listDomainAllows, listDomainBlocks } from "../../../db/queries/domain-blocks.ts";
import type { PendingBlocklistChanges } from "../../../db/schema/federation-controls.ts";
import type { Id } from "../../../db/schema/index.ts";
import { formatBlocklist, type ParsedBlocklist, parseBlocklist } from "../../domain/blocklist-csv.ts";
import { type BlocklistPlan, planBlocklist } from "../../domain/blocklist-plan.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { can } from "../../domain/roles.ts";
import type { ServiceDeps } from "../context.ts";
import type { Moderator } from "./audit.ts";
import { blockableDomain, blockEntry, createDomainBlock, removeDomainBlock, updateDomainBlockSettings } from "./domain-blocks.ts";

/** Reads a blocklist (CSV or plain), keeping only domains this instance could block. */
export function readBlocklist(deps: ServiceDeps, text: string): ParsedBlocklist {
  return parseBlocklist(text, (domain) => {
    const checked = blockableDomain(deps, domain);
    return checked.ok ? checked.value : null;
  });
}

/** What `entries` would change, for an import (owner null) or a subscription (its id). */
export async function planDomainBlocks(deps: ServiceDeps, entries: ParsedBlocklist["entries"], owner: Id | null): Promise<BlocklistPlan> {
  const [blocks, allows] = await Promise.all([listDomainBlocks(deps.db), listDomainAllows(deps.db)]);
  const stored = blocks.map((b) => ({ domain: b.domain, subscription_id: b.subscription_id, entry: blockEntry(b) }));
  return planBlocklist(entries, stored, new Set(allows.map((a) => a.domain)), owner);
}

/**
 * Applies planned changes, each one audited as its own action. What changed
 * since the plan is checked again: a block made here meanwhile, or a domain
 * allowed meanwhile, is left alone by a subscription.
 */
export async function applyBlocklistChanges(deps: ServiceDeps, moderator: Moderator, changes: PendingBlocklistChanges, owner: Id | null): Promise<number> {
  const origin = owner === null ? {} : { subscriptionId: owner };
  const allowed = new Set((await listDomainAllows(deps.db)).map((a) => a.domain));
  let applied = 0;
  for (const entry of changes.added) {
    if (allowed.has(entry.domain)) continue;
    const { domain, ...settings } = entry;
    if ((await createDomainBlock(deps, moderator, { domain, ...settings }, origin)).ok) applied++;
  }
  for (const entry of changes.changed) {
    const block = await findDomainBlockByDomain(deps.db, entry.domain);
    if (!block || (owner !== null && block.subscription_id !== owner)) continue;
    const { domain: _domain, ...settings } = entry;
    if ((await updateDomainBlockSettings(deps, moderator, block.id, settings, origin)).ok) applied++;
  }
  for (const domain of changes.removed) {
    const block = await findDomainBlockByDomain(deps.db, domain);
    if (!block || block.subscription_id !== owner) continue;
    if ((await removeDomainBlock(deps, moderator, block.id)).ok) applied++;
  }
  return applied;
}

export interface ImportOutcome extends BlocklistPlan {
  problems: ParsedBlocklist["problems"];
  dryRun: boolean;
  applied: number;
}

/** Imports a blocklist made or edited by hand: adds and changes blocks (they become local ones); a dry run changes nothing. */
export async function importDomainBlocks(deps: ServiceDeps, moderator: Moderator, input: { text: string; dryRun: boolean }): Promise<Result<ImportOutcome>> {
  if (!can(moderator.role, "manage_federation")) return fail("forbidden", "This action is not allowed");
  const parsed = readBlocklist(deps, input.text);
  if (parsed.entries.length === 0 && parsed.problems.length > 0) return fail("validation", `Validation failed: no domain could be read (line ${parsed.problems[0]!.line}: ${parsed.problems[0]!.message})`);
  const plan = await planDomainBlocks(deps, parsed.entries, null);
  const applied = input.dryRun ? 0 : await applyBlocklistChanges(deps, moderator, plan, null);
  return ok({ ...plan, problems: parsed.problems, dryRun: input.dryRun, applied });
}

/** Every block as Mastodon's CSV (private comments are not exported, as Mastodon's export). */
export async function exportDomainBlocks(deps: ServiceDeps): Promise<string> {
  return formatBlocklist((await listDomainBlocks(deps.db)).map(blockEntry));
}
