// Loads what a page of reports needs for Mastodon's Report and Admin::Report
// entities in a fixed number of queries: the accounts involved (with the user
// rows of local ones), the attached statuses as a status page, and the rules.
import type { Id, Role } from "../schema/index.ts";
import { type AccountRow, findAccountsByIds } from "./accounts.ts";
import type { Executor } from "./executor.ts";
import { listRules, type RuleRow } from "./instance-settings.ts";
import type { ReportRow } from "./reports.ts";
import { loadStatusPage, type StatusPage } from "./status-page.ts";
import { findStatusesByIds, type StatusRow } from "./statuses.ts";

/** What the admin API shows of a local account's user. */
export interface ReportUser {
  email: string;
  role: Role;
  created_at: number;
  disabled_at: number | null;
}

export interface ReportPage {
  accounts: Map<Id, AccountRow>;
  /** By account id, local accounts only. */
  users: Map<Id, ReportUser>;
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
  const [accounts, users, statusRows, rules] = await Promise.all([
    findAccountsByIds(db, accountIds),
    accountIds.length === 0
      ? []
      : db.selectFrom("users").select(["account_id", "email", "role", "created_at", "disabled_at"]).where("account_id", "in", accountIds).execute(),
    findStatusesByIds(db, statusIds),
    listRules(db),
  ]);
  return {
    accounts: new Map(accounts.map((a) => [a.id, a])),
    users: new Map(users.map((u) => [u.account_id, u])),
    statusRows: new Map(statusRows.map((s) => [s.id, s])),
    statuses: await loadStatusPage(db, statusRows, viewerId),
    rules: new Map(rules.map((r) => [r.id, r])),
  };
}
