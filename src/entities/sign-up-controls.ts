// Mastodon's Admin::EmailDomainBlock, Admin::CanonicalEmailBlock and
// Admin::IpBlock entities, and Parley's Invite (Mastodon shows invites only
// in its web UI).
import type { CanonicalEmailBlockRow, EmailDomainBlockRow, InviteRow, IpBlockRow } from "../../db/queries/sign-up-controls.ts";
import { isoTime } from "./context.ts";

/** Admin::EmailDomainBlock. Sign-up attempts are not counted, so its history is empty. */
export function serializeEmailDomainBlock(row: EmailDomainBlockRow) {
  return { id: row.id, domain: row.domain, created_at: isoTime(Number(row.created_at)), history: [] };
}

/** Admin::CanonicalEmailBlock. */
export function serializeCanonicalEmailBlock(row: CanonicalEmailBlockRow) {
  return { id: row.id, canonical_email_hash: row.canonical_email_hash };
}

/** Admin::IpBlock. */
export function serializeIpBlock(row: IpBlockRow) {
  return {
    id: row.id,
    ip: row.ip,
    severity: row.severity,
    comment: row.comment,
    created_at: isoTime(Number(row.created_at)),
    expires_at: row.expires_at === null ? null : isoTime(Number(row.expires_at)),
  };
}

/** Parley's Invite: the code, the link to share, and how much of it is left. */
export function serializeInvite(row: InviteRow, origin: string) {
  return {
    id: row.id,
    code: row.code,
    url: `${origin}/auth/sign_up?invite=${encodeURIComponent(row.code)}`,
    uses: Number(row.uses),
    max_uses: row.max_uses === null ? null : Number(row.max_uses),
    expires_at: row.expires_at === null ? null : isoTime(Number(row.expires_at)),
    comment: row.comment,
    revoked: row.revoked_at !== null,
    created_at: isoTime(Number(row.created_at)),
  };
}
