// Invites: links that let someone sign up while registrations are by invite
// only (or skip approval), with an expiry and a use count. Made and revoked
// by staff; audited.
import { randomBytes } from "node:crypto";
import { findInviteByCode, findInviteById, insertInvite, revokeInviteRow } from "../../../db/queries/sign-up-controls.ts";
import type { Id } from "../../../db/schema/index.ts";
import { isId } from "../../domain/ids.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { type Moderator, recordAudit } from "../moderation/audit.ts";

export interface NewInvite {
  maxUses?: number | null;
  /** Seconds until it expires; none: never. */
  expiresIn?: number | null;
  comment?: string | null;
}

// Mastodon's choices for max uses and expiry are lists; any positive value works here, within bounds.
const MAX_USES = 10_000;
const MAX_EXPIRY_S = 365 * 24 * 3600;

/** Creates an invite; returns its id and code (the link is the sign-up page with ?invite=code). */
export async function createInvite(deps: ServiceDeps, moderator: Moderator, input: NewInvite): Promise<Result<{ id: Id; code: string }>> {
  const { maxUses = null, expiresIn = null } = input;
  if (maxUses !== null && (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > MAX_USES)) return fail("validation", `max_uses must be a whole number from 1 to ${MAX_USES}`);
  if (expiresIn !== null && (!Number.isInteger(expiresIn) || expiresIn < 60 || expiresIn > MAX_EXPIRY_S)) return fail("validation", `expires_in must be from 60 to ${MAX_EXPIRY_S} seconds`);
  const id = deps.ids.next();
  // 48 random bits, in letters and digits: unguessable, short enough to type.
  const code = randomBytes(6).toString("base64url").replace(/[-_]/g, "x");
  const now = Date.now();
  await writeTransaction(deps, async (tx) => {
    await insertInvite(tx, {
      id, code, account_id: moderator.accountId, max_uses: maxUses, expires_at: expiresIn === null ? null : now + expiresIn * 1000,
      comment: input.comment?.slice(0, 420) || null, revoked_at: null, created_at: now,
    });
    await recordAudit(deps, tx, moderator, { action: "invite.create", targetType: "invite", targetId: id, data: { maxUses, expiresIn } });
  });
  return ok({ id, code });
}

/** Revokes an invite by id or code: it can no longer be used. */
export async function revokeInvite(deps: ServiceDeps, moderator: Moderator, idOrCode: string): Promise<Result<null>> {
  const invite = (await findInviteByCode(deps.db, idOrCode)) ?? (isId(idOrCode) ? await findInviteById(deps.db, idOrCode) : undefined);
  if (!invite) return fail("not-found", "Record not found");
  const revoked = await writeTransaction(deps, async (tx) => {
    if (!(await revokeInviteRow(tx, invite.id, Date.now()))) return false;
    await recordAudit(deps, tx, moderator, { action: "invite.revoke", targetType: "invite", targetId: invite.id });
    return true;
  });
  return revoked ? ok(null) : fail("validation", "This invite was already revoked");
}
