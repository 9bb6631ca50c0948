// What the operator's sign-up controls say about one sign-up: the invite it
// carries, blocks on its email address (domain, canonical form) and on its
// IP address. registerAccount acts on the verdict.
import { findCanonicalEmailBlock, findEmailDomainBlocks, findInviteByCode, type InviteRow, listActiveIpBlocks } from "../../../db/queries/sign-up-controls.ts";
import type { IpBlockSeverity } from "../../../db/schema/sign-up-controls.ts";
import { canonicalEmailHash, emailDomainAndParents, ipRangeMatcher } from "../../domain/sign-up-checks.ts";
import type { ServiceDeps } from "../context.ts";

export interface SignUpVerdict {
  /** The invite, when a valid one came; undefined when none came. */
  invite?: InviteRow;
  /** A code came that is unknown, used up, expired or revoked. */
  badInvite: boolean;
  emailBlocked: "domain" | "canonical" | null;
  /** The strictest IP block holding the sign-up's address. */
  ipBlock: IpBlockSeverity | null;
}

const SEVERITY_ORDER: readonly IpBlockSeverity[] = ["sign_up_requires_approval", "sign_up_block", "no_access"];

/** Whether an invite may be used at `now`. */
export function inviteIsValid(invite: InviteRow, now: number): boolean {
  return invite.revoked_at === null
    && (invite.expires_at === null || invite.expires_at > now)
    && (invite.max_uses === null || invite.uses < invite.max_uses);
}

/** The strictest IP block in force at `now` holding `ip`, or null. */
export async function ipBlockOf(deps: ServiceDeps, ip: string | null, now = Date.now()): Promise<IpBlockSeverity | null> {
  if (!ip) return null;
  const blocks = await listActiveIpBlocks(deps.db, now);
  const matching = blocks.filter((block) => ipRangeMatcher([block.ip])(ip) !== undefined).map((block) => block.severity);
  return matching.sort((a, b) => SEVERITY_ORDER.indexOf(b) - SEVERITY_ORDER.indexOf(a))[0] ?? null;
}

/** Reads every control that applies to a sign-up from this email, address and invite code. */
export async function checkSignUp(deps: ServiceDeps, input: { email: string; ip: string | null; inviteCode: string | null }): Promise<SignUpVerdict> {
  const now = Date.now();
  const code = input.inviteCode?.trim();
  const invite = code ? await findInviteByCode(deps.db, code) : undefined;
  const valid = invite && inviteIsValid(invite, now) ? invite : undefined;
  const email = input.email.trim();
  let emailBlocked: SignUpVerdict["emailBlocked"] = null;
  if (email.includes("@")) {
    if ((await findEmailDomainBlocks(deps.db, emailDomainAndParents(email))).length > 0) emailBlocked = "domain";
    else if (await findCanonicalEmailBlock(deps.db, canonicalEmailHash(email))) emailBlocked = "canonical";
  }
  return { ...(valid ? { invite: valid } : {}), badInvite: Boolean(code) && !valid, emailBlocked, ipBlock: await ipBlockOf(deps, input.ip, now) };
}
