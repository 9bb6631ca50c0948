// Loads what a page of reports needs for Mastodon's Admin::Report entity in a
// fixed number of queries: the accounts involved as the admin API sees them
// (with the user and sign-up of local ones), the attached statuses as a status
// page, and the rules. Accounts deleted since stay: a report outlives them.
import type { Id } from "../schema/index.ts";
import { findAccountsByIds } from "./accounts.ts";
import type { AdminAccountRow } from "./admin-accounts.ts";
import type { Executor } from "./executor.ts";
import { listRules, type RuleRow } from "./instance-settings.ts";
import type { ReportRow } from "./reports.ts";
import { loadStatusPage, type StatusPage } from "./status-page.ts";
import { findStatusesByIds, type StatusRow } from "./statuses.ts";

export interface ReportPage {
  accounts: Map<Id, AdminAccountRow>;
  statusRows: Map<Id, StatusRow>;
  statuses: StatusPage;
  rules: Map<Id, RuleRow>;
}

/** The account ids a report refers to. */
export function reportAccountIds(report: ReportRow): Id[] {
  return [report.account_id, report.target_account_id, report.assigned_account_id, report.action_taken_by_account_id].filter((id): id is Id => id !== null);
}

/** Loads the page data of the given reports as viewerId sees their statuses. */
export async function loadReportPage(db: Executor, reports: readonly ReportRow[], viewerId: Id | null): Promise<ReportPage> {
  const accountIds = [...new Set(reports.flatMap(reportAccountIds))];
  const statusIds = [...new Set(reports.flatMap((r) => JSON.parse(r.status_ids) as Id[]))];
  const some = accountIds.length > 0;
  const [accounts, users, registrations, statusRows, rules] = await Promise.all([
    findAccountsByIds(db, accountIds),
    some ? db.selectFrom("users").select(["account_id", "email", "role", "created_at", "disabled_at"]).where("account_id", "in", accountIds).execute() : [],
    some
      ? db.selectFrom("account_registrations").select(["account_id", "reason", "locale", "approved_at", "application_id"]).where("account_id", "in", accountIds).execute()
      : [],
    findStatusesByIds(db, statusIds),
    listRules(db),
  ]);
  const userOf = new Map(users.map(({ account_id, ...user }) => [account_id, user]));
  const registrationOf = new Map(registrations.map(({ account_id, ...registration }) => [account_id, registration]));
  return {
    accounts: new Map(accounts.map((account) => [account.id, { account, user: userOf.get(account.id) ?? null, registration: registrationOf.get(account.id) ?? null }])),
    statusRows: new Map(statusRows.map((s) => [s.id, s])),
    statuses: await loadStatusPage(db, statusRows, viewerId),
    rules: new Map(rules.map((r) => [r.id, r])),
  };
}
