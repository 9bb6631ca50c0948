// Plain words for OAuth scopes on the consent page (Mastodon docs:
// api/oauth-scopes), so a person knows what they grant.

const TOP_LEVEL: Record<string, string> = {
  read: "Read all your account's data",
  write: "Change all your account's data: post, follow, favourite, edit your profile",
  follow: "Change who you follow, block and mute",
  push: "Receive your push notifications",
  profile: "Read only your basic profile information",
  "admin:read": "Read all data on this server (moderators)",
  "admin:write": "Take moderation actions on this server",
};

/** A sentence describing a scope. */
export function describeScope(scope: string): string {
  const known = TOP_LEVEL[scope];
  if (known) return known;
  const parts = scope.split(":");
  const thing = (parts.at(-1) ?? scope).replaceAll("_", " ");
  if (parts[0] === "admin") return `${parts[1] === "read" ? "Read" : "Manage"} ${thing} on this server (moderators)`;
  return parts[0] === "read" ? `Read your ${thing}` : `Change your ${thing}`;
}
