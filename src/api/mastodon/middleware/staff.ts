// Guards the admin API: a user token with the admin scope, whose account's
// role has the permission (Mastodon answers 403 "This action is not allowed"
// otherwise). Sets c.var.moderator, who the audit log will name.
import type { Context, MiddlewareHandler } from "hono";
import { findActiveStaff } from "../../../../db/queries/users.ts";
import { can, type Permission } from "../../../domain/roles.ts";
import type { Moderator } from "../../../services/moderation/audit.ts";
import type { ApiEnv } from "../env.ts";
import { apiError } from "../errors.ts";
import { refusal } from "./auth.ts";

/** Requires a staff account whose role grants `permission`, with one of `scopes`. */
export function requireStaff(permission: Permission, ...scopes: string[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const refused = refusal(c, scopes, true);
    if (refused) return refused;
    const accountId = c.var.auth!.accountId!;
    const staff = await findActiveStaff(c.var.deps.db, accountId);
    if (!staff || !can(staff.role, permission)) return apiError(c, 403, "This action is not allowed");
    c.set("moderator", { accountId, name: staff.username, role: staff.role });
    await next();
  };
}

/** The staff member acting; only call behind requireStaff. */
export function moderatorOf(c: Context<ApiEnv>): Moderator {
  const moderator = c.var.moderator;
  if (!moderator) throw new Error("moderatorOf() used on a route without requireStaff()");
  return moderator;
}
