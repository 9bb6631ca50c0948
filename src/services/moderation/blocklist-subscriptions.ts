// Blocklist subscriptions: the operator subscribes to a list (Mastodon's CSV
// or a plain list of domains) at a URL; Parley fetches it on a schedule, keeps
// what would change as a pending review (added, changed, removed), and applies
// it when a moderator says so, or at once for a subscription set to auto-apply.
// A subscription only ever touches the blocks it made; allows and blocks made
// here win (docs/adr/0024-domain-blocks.md).
import { getLogger } from "@logtape/logtape";
import {
  type BlocklistSubscriptionRow,
  deleteBlocklistSubscription,
  findBlocklistSubscription,
  findBlocklistSubscriptionByUrl,
  findDueBlocklistSubscriptions,
  insertBlocklistSubscription,
  pendingChanges,
  updateBlocklistSubscription,
} from "../../../db/queries/blocklist-subscriptions.ts";
import type { PendingBlocklistChanges } from "../../../db/schema/federation-controls.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { BlocklistPlan } from "../../domain/blocklist-plan.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { can } from "../../domain/roles.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { startScheduler } from "../statuses/scheduler.ts";
import { type Moderator, recordAudit, SYSTEM_MODERATOR } from "./audit.ts";
import { applyBlocklistChanges, planDomainBlocks, readBlocklist } from "./domain-block-import.ts";
import { fetchBlocklist, type FetchOptions } from "./fetch-blocklist.ts";

const logger = getLogger(["parley", "moderation", "blocklists"]);
/** A list is fetched again when its last fetch is older than this. */
export const REFRESH_EVERY_MS = 6 * 60 * 60 * 1000;
const TICK_MS = 10 * 60 * 1000;

const isEmpty = (changes: PendingBlocklistChanges) => changes.added.length + changes.changed.length + changes.removed.length === 0;

/** Subscribes to the list at url (http(s)); fetched on the next scheduled run or refresh. */
export async function addBlocklistSubscription(deps: ServiceDeps, moderator: Moderator, input: { url: string; autoApply: boolean }): Promise<Result<BlocklistSubscriptionRow>> {
  if (!can(moderator.role, "manage_federation")) return fail("forbidden", "This action is not allowed");
  if (!URL.canParse(input.url) || !/^https?:$/.test(new URL(input.url).protocol)) return fail("validation", "Validation failed: url must be an http(s) URL");
  const url = new URL(input.url).href;
  if (await findBlocklistSubscriptionByUrl(deps.db, url)) return fail("conflict", "Validation failed: already subscribed to this URL");
  const now = Date.now();
  const row: BlocklistSubscriptionRow = { id: deps.ids.next(), url, auto_apply: input.autoApply ? 1 : 0, pending: null, last_fetched_at: null, last_error: null, created_at: now, updated_at: now };
  await writeTransaction(deps, async (tx) => {
    await insertBlocklistSubscription(tx, row);
    await recordAudit(deps, tx, moderator, { action: "blocklist_subscription.create", targetType: "blocklist_subscription", targetId: row.id, data: { url, auto_apply: input.autoApply } });
  });
  return ok(row);
}

/** Unsubscribes; the blocks the list made stay, as if made here. */
export async function removeBlocklistSubscription(deps: ServiceDeps, moderator: Moderator, id: Id): Promise<Result<BlocklistSubscriptionRow>> {
  if (!can(moderator.role, "manage_federation")) return fail("forbidden", "This action is not allowed");
  const row = await findBlocklistSubscription(deps.db, id);
  if (!row) return fail("not-found", "Record not found");
  await writeTransaction(deps, async (tx) => {
    await deleteBlocklistSubscription(tx, id);
    await recordAudit(deps, tx, moderator, { action: "blocklist_subscription.remove", targetType: "blocklist_subscription", targetId: id, data: { url: row.url } });
  });
  return ok(row);
}

export interface RefreshOutcome {
  subscription: BlocklistSubscriptionRow;
  plan: BlocklistPlan | null;
  /** How many changes were applied (auto-apply only). */
  applied: number;
}

/**
 * Fetches the list now and records what would change; a subscription set to
 * auto-apply applies it at once (as Parley itself, in the audit log). A
 * failed fetch is recorded and changes nothing.
 */
export async function refreshBlocklistSubscription(deps: ServiceDeps, id: Id, options: FetchOptions): Promise<Result<RefreshOutcome>> {
  const row = await findBlocklistSubscription(deps.db, id);
  if (!row) return fail("not-found", "Record not found");
  const now = Date.now();
  let text: string;
  try {
    text = await fetchBlocklist(row.url, options);
  } catch (error) {
    const message = (error as Error).message || String(error);
    logger.warn("Could not fetch the blocklist {url}: {message}", { url: row.url, message });
    await updateBlocklistSubscription(deps.db, id, { last_fetched_at: now, last_error: message, updated_at: now });
    return ok({ subscription: { ...row, last_fetched_at: now, last_error: message }, plan: null, applied: 0 });
  }
  const parsed = readBlocklist(deps, text);
  const plan = await planDomainBlocks(deps, parsed.entries, id);
  const changes: PendingBlocklistChanges = { added: plan.added, changed: plan.changed, removed: plan.removed };
  const pending = isEmpty(changes) ? null : JSON.stringify(changes);
  await updateBlocklistSubscription(deps.db, id, { last_fetched_at: now, last_error: null, pending, updated_at: now });
  const fetched = { ...row, last_fetched_at: now, last_error: null, pending };
  if (row.auto_apply === 0 || pending === null) return ok({ subscription: fetched, plan, applied: 0 });
  const applied = await applyPending(deps, SYSTEM_MODERATOR, fetched);
  return ok({ subscription: { ...fetched, pending: null }, plan, applied });
}

/** Applies the changes waiting for review, as the moderator. */
export async function applyBlocklistSubscription(deps: ServiceDeps, moderator: Moderator, id: Id): Promise<Result<{ applied: number }>> {
  if (!can(moderator.role, "manage_federation")) return fail("forbidden", "This action is not allowed");
  const row = await findBlocklistSubscription(deps.db, id);
  if (!row) return fail("not-found", "Record not found");
  return ok({ applied: await applyPending(deps, moderator, row) });
}

async function applyPending(deps: ServiceDeps, moderator: Moderator, row: BlocklistSubscriptionRow): Promise<number> {
  const changes = pendingChanges(row);
  const applied = await applyBlocklistChanges(deps, moderator, changes, row.id);
  await writeTransaction(deps, async (tx) => {
    await updateBlocklistSubscription(tx, row.id, { pending: null, updated_at: Date.now() });
    await recordAudit(deps, tx, moderator, {
      action: "blocklist_subscription.apply",
      targetType: "blocklist_subscription",
      targetId: row.id,
      data: { url: row.url, added: changes.added.length, changed: changes.changed.length, removed: changes.removed.length, applied },
    });
  });
  return applied;
}

/** Fetches every subscription that is due (the scheduled work of the queue process). */
export async function refreshDueBlocklistSubscriptions(deps: ServiceDeps, options: FetchOptions, now = Date.now()): Promise<number> {
  const due = await findDueBlocklistSubscriptions(deps.db, now - REFRESH_EVERY_MS);
  for (const row of due) await refreshBlocklistSubscription(deps, row.id, options);
  return due.length;
}

/** Looks for due subscriptions every ten minutes (started with the queue, as the other scheduled work). */
export function startBlocklistRefresh(deps: ServiceDeps, options: FetchOptions): { stop(): Promise<void> } {
  return startScheduler(async () => {
    await refreshDueBlocklistSubscriptions(deps, options);
  }, TICK_MS);
}
