// The one way Parley looks up a remote document (an actor, a post, a handle
// through WebFinger): never on a domain the instance refuses (suspended, or
// not allowed in allowlist mode), so nothing is fetched from it. Also how a
// post of a domain whose media is rejected loses its media before it is kept.
import { getLogger } from "@logtape/logtape";
import { domainPolicy } from "../../src/services/moderation/federation-policy.ts";
import type { ParleyContext } from "../context.ts";

const logger = getLogger(["parley", "federation", "resolve"]);

/** The host of a URL or of an acct: handle. */
function hostOf(target: string): string | null {
  const acct = /^acct:[^@]+@(.+)$/.exec(target);
  if (acct) return acct[1]!;
  return URL.canParse(target) ? new URL(target).host : null;
}

/** Whether nothing may be fetched from the target's domain (refused, or no domain at all); the inbox's object fetches ask too. */
export async function refusesFetchFrom(ctx: ParleyContext, target: string): Promise<boolean> {
  const host = hostOf(target);
  if (host && !(await domainPolicy(ctx.data.db, host)).refused) return false;
  logger.info("Not fetching {target}: its domain is refused", { target });
  return true;
}

/** ctx.lookupObject, or null for a refused domain. */
export async function lookupRemote(ctx: ParleyContext, target: string): ReturnType<ParleyContext["lookupObject"]> {
  if (await refusesFetchFrom(ctx, target)) return null;
  // A handle is resolved by Parley's own WebFinger lookup, under the fetch policy (ADR 19).
  if (target.startsWith("acct:")) {
    const self = await ctx.data.webFinger(target);
    return self ? ctx.lookupObject(self.href) : null;
  }
  return ctx.lookupObject(target);
}

/** The post's input without attachments and emoji when its author's domain rejects media (not even remote references are kept). */
export async function withoutRejectedMedia<T extends { attachments: unknown[]; emojis: unknown[] }>(ctx: ParleyContext, host: string, input: T): Promise<T> {
  return (await domainPolicy(ctx.data.db, host)).rejectMedia ? { ...input, attachments: [], emojis: [] } : input;
}
