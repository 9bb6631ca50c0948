// Mastodon's Admin::Account entity: an account as moderators see it, with its
// user's email, role and login state and its sign-up.
import type { AdminAccountRow } from "../../db/queries/admin-accounts.ts";
import { type AccountEntity, serializeAccount } from "./account.ts";
import { type EntityContext, isoTime } from "./context.ts";
import { serializeRole } from "./role.ts";

/** Serializes one account for the admin API (remote accounts have no email, locale nor role of their own). */
export function serializeAdminAccount(ctx: EntityContext, row: AdminAccountRow) {
  const { account, user, registration } = row;
  const entity: AccountEntity = serializeAccount(ctx, account);
  return {
    id: account.id,
    username: account.username,
    domain: account.domain,
    created_at: isoTime(user?.created_at ?? account.created_at),
    email: user?.email ?? null,
    ip: null,
    ips: [],
    role: serializeRole(user?.role ?? "user"),
    confirmed: user !== null,
    suspended: account.suspended_at !== null,
    silenced: account.silenced_at !== null,
    sensitized: account.sensitized_at !== null,
    disabled: user?.disabled_at != null,
    approved: registration === null || registration.approved_at !== null,
    locale: user ? (registration?.locale ?? "en") : null,
    invite_request: registration?.reason ?? null,
    created_by_application_id: registration?.application_id ?? null,
    invited_by_account_id: null,
    account: entity,
  };
}
