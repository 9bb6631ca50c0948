// The admin API's view of accounts: each with its user (email, role, login
// state) and sign-up, filtered as Mastodon's AccountFilter does, keyset paged
// by account id.
import { sql } from "kysely";
import type { Id, Millis, Role } from "../schema/index.ts";
import type { AccountRow } from "./accounts.ts";
import type { Executor } from "./executor.ts";
import { type IdRange, withinRange } from "./timelines.ts";

export interface AdminAccountRow {
  account: AccountRow;
  /** Null for remote accounts. */
  user: { email: string; role: Role; disabled_at: Millis | null; created_at: Millis } | null;
  /** Null for accounts that did not sign up (the operator made them, or remote ones). */
  registration: { reason: string | null; locale: string | null; approved_at: Millis | null; application_id: Id | null } | null;
}

export interface AdminAccountFilter {
  origin?: "local" | "remote";
  status?: "active" | "pending" | "disabled" | "silenced" | "suspended" | "sensitized";
  staff?: boolean;
  roles?: readonly Role[];
  username?: string;
  displayName?: string;
  domain?: string;
  email?: string;
}

// Case-insensitive substring match, the pattern's wildcards escaped.
const contains = (column: string, value: string) =>
  sql<boolean>`lower(${sql.ref(column)}) like ${`%${value.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`} escape '\\'`;

function adminAccounts(db: Executor) {
  return db
    .selectFrom("accounts as a")
    .leftJoin("users as u", "u.account_id", "a.id")
    .leftJoin("account_registrations as r", "r.account_id", "a.id")
    .selectAll("a")
    .select(["u.email", "u.role", "u.disabled_at", "u.created_at as user_created_at"])
    .select(["r.reason", "r.locale", "r.approved_at", "r.application_id", "r.account_id as registered"])
    .where("a.deleted_at", "is", null);
}

type Joined = Awaited<ReturnType<ReturnType<typeof adminAccounts>["execute"]>>[number];

function toAdminRow(row: Joined): AdminAccountRow {
  const { email, role, disabled_at, user_created_at, reason, locale, approved_at, application_id, registered, ...account } = row;
  return {
    account,
    user: email === null || role === null || user_created_at === null ? null : { email, role, disabled_at, created_at: user_created_at },
    registration: registered === null ? null : { reason, locale, approved_at, application_id },
  };
}

/** One page of accounts matching the filter, by account id. */
export async function pageAdminAccounts(db: Executor, filter: AdminAccountFilter, range: IdRange): Promise<AdminAccountRow[]> {
  let q = adminAccounts(db);
  if (filter.origin === "local") q = q.where("a.domain", "is", null);
  if (filter.origin === "remote") q = q.where("a.domain", "is not", null);
  switch (filter.status) {
    case "active": q = q.where("a.suspended_at", "is", null).where((eb) => eb.or([eb("r.account_id", "is", null), eb("r.approved_at", "is not", null)])); break;
    case "pending": q = q.where("r.account_id", "is not", null).where("r.approved_at", "is", null); break;
    case "disabled": q = q.where("u.disabled_at", "is not", null); break;
    case "silenced": q = q.where("a.silenced_at", "is not", null); break;
    case "suspended": q = q.where("a.suspended_at", "is not", null); break;
    case "sensitized": q = q.where("a.sensitized_at", "is not", null); break;
  }
  if (filter.staff) q = q.where("u.role", "!=", "user");
  if (filter.roles?.length) q = q.where("u.role", "in", filter.roles);
  if (filter.username) q = q.where(contains("a.username", filter.username));
  if (filter.displayName) q = q.where(contains("a.display_name", filter.displayName));
  if (filter.domain) q = q.where(contains("a.domain", filter.domain));
  if (filter.email) q = q.where(contains("u.email", filter.email));
  return (await withinRange(q, "a.id", range).execute()).map(toAdminRow);
}

/** One account as the admin API shows it, deleted ones excepted. */
export async function findAdminAccount(db: Executor, id: Id): Promise<AdminAccountRow | undefined> {
  const row = await adminAccounts(db).where("a.id", "=", id).executeTakeFirst();
  return row && toAdminRow(row);
}
