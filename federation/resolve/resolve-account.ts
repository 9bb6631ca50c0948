// Finds the account behind an actor URI: a local one, a fresh cached remote
// one, or a remote one fetched now (through the Context, so the federation's
// SSRF policy applies) and stored through upsertRemoteAccount.
import { type Actor, isActor } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { type AccountRow, findAccountByUri } from "../../db/queries/accounts.ts";
import type { ParleyContext } from "../context.ts";
import { actorToAccountInput } from "../mappers/actor-to-account-input.ts";
import { domainPolicy } from "../../src/services/moderation/federation-policy.ts";
import { lookupRemote } from "./lookup-remote.ts";

const logger = getLogger(["parley", "federation", "resolve"]);
/** Remote actor documents older than this are fetched again on next sight. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Stores an actor document Fedify already verified or fetched from its origin,
 * as its domain's block allows: none from a refused domain, no images from one
 * whose media is rejected, silenced on a silenced one.
 */
export async function storeActor(ctx: ParleyContext, actor: Actor): Promise<AccountRow | null> {
  const input = await actorToAccountInput(actor, { contextLoader: ctx.contextLoader });
  if (!input) return null;
  const policy = await domainPolicy(ctx.data.db, input.domain);
  if (policy.refused) return null;
  const stored = await ctx.data.services.upsertRemoteAccount(policy.rejectMedia ? { ...input, avatarUrl: null, headerUrl: null, emojis: [] } : input);
  if (!stored.ok) return null;
  return policy.silenced ? ctx.data.services.applyDomainSilence(stored.value) : stored.value;
}

/** The account of an actor URI (or of an actor object in hand); null if it can't be had. */
export async function resolveAccount(ctx: ParleyContext, ref: URL | Actor, options: { refresh?: boolean } = {}): Promise<AccountRow | null> {
  const uri = ref instanceof URL ? ref : ref.id;
  if (!uri) return null;
  const known = await findAccountByUri(ctx.data.db, uri.href);
  if (ctx.data.uris.isLocal(uri.href)) return known?.deleted_at === null ? known : null;
  const fresh = known?.fetched_at != null && Date.now() - known.fetched_at < STALE_AFTER_MS;
  if (known && fresh && !options.refresh) return known;
  try {
    const actor = ref instanceof URL ? await lookupRemote(ctx, uri.href) : ref;
    if (!isActor(actor) || actor.id?.href !== uri.href) return known ?? null;
    return (await storeActor(ctx, actor)) ?? known ?? null;
  } catch (error) {
    logger.info("Could not fetch actor {uri}: {error}", { uri: uri.href, error });
    return known ?? null;
  }
}
