// Mastodon's Role entity for Parley's four roles. Ids and names follow
// Mastodon's seeded roles (-99 everyone, 1 Moderator, 2 Admin, 3 Owner);
// permissions are Mastodon's bit field as a string.
import type { Role } from "../../db/schema/index.ts";
import { permissionBits } from "../domain/roles.ts";

const ROLE_ENTITY: Record<Role, { id: string; name: string }> = {
  user: { id: "-99", name: "" },
  moderator: { id: "1", name: "Moderator" },
  admin: { id: "2", name: "Admin" },
  owner: { id: "3", name: "Owner" },
};

/** The Role JSON of a role; staff roles are highlighted (shown as a badge). */
export function serializeRole(role: Role): { id: string; name: string; permissions: string; color: string; highlighted: boolean } {
  return { ...ROLE_ENTITY[role], permissions: String(permissionBits(role)), color: "", highlighted: role !== "user" };
}
