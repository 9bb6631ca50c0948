// Staff roles and what each may do. Permission names and bits are Mastodon's
// (app/models/user_role.rb FLAGS), so the Role entity's `permissions` means
// to clients what it means on Mastodon, and admin tools read it unchanged.
import type { Role } from "../../db/schema/index.ts";

export const ROLES: readonly Role[] = ["user", "moderator", "admin", "owner"];

export const PERMISSION_BITS = {
  administrator: 1 << 0,
  devops: 1 << 1,
  view_audit_log: 1 << 2,
  view_dashboard: 1 << 3,
  manage_reports: 1 << 4,
  manage_federation: 1 << 5,
  manage_settings: 1 << 6,
  manage_blocks: 1 << 7,
  manage_taxonomies: 1 << 8,
  manage_appeals: 1 << 9,
  manage_users: 1 << 10,
  manage_invites: 1 << 11,
  manage_rules: 1 << 12,
  manage_announcements: 1 << 13,
  manage_custom_emojis: 1 << 14,
  manage_webhooks: 1 << 15,
  invite_users: 1 << 16,
  manage_roles: 1 << 17,
  manage_user_access: 1 << 18,
  delete_user_data: 1 << 19,
} as const;

export type Permission = keyof typeof PERMISSION_BITS;

const bits = (...names: Permission[]) => names.reduce((sum, name) => sum | PERMISSION_BITS[name], 0);

// Moderators handle people and content; admins also run federation and the
// instance; the owner may do everything, including naming admins.
const MODERATOR = bits("view_dashboard", "view_audit_log", "manage_reports", "manage_users", "manage_taxonomies", "manage_appeals", "invite_users");
const ADMIN = MODERATOR | bits("manage_federation", "manage_settings", "manage_blocks", "manage_invites", "manage_rules",
  "manage_announcements", "manage_custom_emojis", "manage_webhooks", "manage_user_access", "delete_user_data", "manage_roles");
const ROLE_BITS: Record<Role, number> = { user: 0, moderator: MODERATOR, admin: ADMIN, owner: ADMIN | bits("administrator", "devops") };

/** The role's permissions as Mastodon's bit field. */
export function permissionBits(role: Role): number {
  return ROLE_BITS[role];
}

/** Whether the role may do what the permission names (administrator implies everything). */
export function can(role: Role, permission: Permission): boolean {
  const granted = ROLE_BITS[role];
  return (granted & PERMISSION_BITS.administrator) !== 0 || (granted & PERMISSION_BITS[permission]) !== 0;
}

/** Whether `actor` may give or take `role`: only to roles below its own, and the owner alone makes owners. */
export function mayAssignRole(actor: Role, from: Role, to: Role): boolean {
  if (!can(actor, "manage_roles")) return false;
  if (actor === "owner") return true;
  const rank = (role: Role) => ROLES.indexOf(role);
  return rank(from) < rank(actor) && rank(to) < rank(actor);
}

/** Parses a role name, or undefined. */
export function parseRole(name: string): Role | undefined {
  return ROLES.find((role) => role === name);
}
