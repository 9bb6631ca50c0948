// What applying a blocklist would change, computed before anything changes:
// the dry-run of an import and the pending review of a subscription.
// Local exceptions win: a domain allow is never blocked by a list, and a
// subscription never touches a block it did not make.
import type { BlocklistEntry, DomainBlocksTable, PendingBlocklistChanges } from "../../db/schema/federation-controls.ts";
import { entryDiffers } from "./domain-blocks.ts";

type StoredBlock = Pick<DomainBlocksTable, "domain" | "subscription_id"> & { entry: BlocklistEntry };

export interface BlocklistPlan extends PendingBlocklistChanges {
  /** Domains left alone: allowed here, or blocked here (or by another list) when a subscription plans. */
  skipped: string[];
  unchanged: number;
}

/**
 * Plans `entries` against the stored blocks and allows. `owner` is the
 * subscription planning (its own blocks may change or go), or null for an
 * operator's import (which adds and changes, never removes).
 */
export function planBlocklist(entries: readonly BlocklistEntry[], blocks: readonly StoredBlock[], allowed: ReadonlySet<string>, owner: string | null): BlocklistPlan {
  const byDomain = new Map(blocks.map((b) => [b.domain, b]));
  const plan: BlocklistPlan = { added: [], changed: [], removed: [], skipped: [], unchanged: 0 };
  const listed = new Set<string>();
  for (const entry of entries) {
    listed.add(entry.domain);
    const block = byDomain.get(entry.domain);
    if (allowed.has(entry.domain) || (owner !== null && block && block.subscription_id !== owner)) plan.skipped.push(entry.domain);
    else if (!block) plan.added.push(entry);
    else if (entryDiffers(entry, block.entry)) plan.changed.push(entry);
    else plan.unchanged++;
  }
  if (owner !== null) plan.removed = blocks.filter((b) => b.subscription_id === owner && !listed.has(b.domain)).map((b) => b.domain);
  return plan;
}
