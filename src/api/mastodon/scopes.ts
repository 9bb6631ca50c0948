// OAuth scopes as Mastodon defines them: top-level read, write, follow, push,
// profile and admin scopes, and granular ones under them.
// (Mastodon docs: api/oauth-scopes.)

export const TOP_LEVEL_SCOPES = ["read", "write", "follow", "push", "profile"] as const;

export const GRANULAR_SCOPES = [
  "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows",
  "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
  "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites",
  "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
  "write:reports", "write:statuses",
  "admin:read", "admin:write",
  "admin:read:accounts", "admin:read:reports", "admin:read:domain_allows", "admin:read:domain_blocks",
  "admin:read:ip_blocks", "admin:read:email_domain_blocks", "admin:read:canonical_email_blocks",
  "admin:write:accounts", "admin:write:reports", "admin:write:domain_allows", "admin:write:domain_blocks",
  "admin:write:ip_blocks", "admin:write:email_domain_blocks", "admin:write:canonical_email_blocks",
] as const;

const KNOWN = new Set<string>([...TOP_LEVEL_SCOPES, ...GRANULAR_SCOPES]);

// The legacy "follow" scope grants these (Mastodon's Doorkeeper configuration).
const FOLLOW_GRANTS = new Set(["read:follows", "write:follows", "read:blocks", "write:blocks", "read:mutes", "write:mutes"]);

/** Parses a space- (or plus-) separated scope string; unknown scopes make it invalid. */
export function parseScopes(raw: string | undefined | null, fallback = "read"): string[] | null {
  const scopes = [...new Set((raw?.trim() || fallback).split(/[\s+]+/).filter(Boolean))];
  return scopes.every((s) => KNOWN.has(s)) ? scopes : null;
}

/** Whether a granted set of scopes includes the required one (parents cover children). */
export function hasScope(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  const parts = required.split(":");
  for (let i = parts.length - 1; i > 0; i--) if (granted.includes(parts.slice(0, i).join(":"))) return true;
  return granted.includes("follow") && FOLLOW_GRANTS.has(required);
}

/** Whether every requested scope is within the allowed ones (no escalation). */
export function scopesWithin(requested: readonly string[], allowed: readonly string[]): boolean {
  return requested.every((scope) => hasScope(allowed, scope));
}
