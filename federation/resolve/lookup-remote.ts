// The one way Parley looks up a remote document (an actor, a post, a handle
// through WebFinger): never on a domain the instance refuses (suspended, or
// not allowed in allowlist mode), so nothing is fetched from it.
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

/** ctx.lookupObject, or null for a refused domain. */
export async function lookupRemote(ctx: ParleyContext, target: string): ReturnType<ParleyContext["lookupObject"]> {
  const host = hostOf(target);
  if (!host || (await domainPolicy(ctx.data.db, host)).refused) {
    logger.info("Not fetching {target}: its domain is refused", { target });
    return null;
  }
  return ctx.lookupObject(target);
}
