// Loads the accounts and statuses that a page of notifications, groups,
// requests or conversations refers to (and the warnings and reports of
// moderation notifications), in a fixed number of queries.
import type { FilterContext } from "../../src/domain/filters.ts";
import type { Id } from "../schema/index.ts";
import { type AccountRow, findAccountsByIds } from "./accounts.ts";
import { type AccountWarningRow, findAccountWarnings } from "./account-warnings.ts";
import { findReportsWithTargets, type ReportRow } from "./reports.ts";
import type { Executor } from "./executor.ts";
import { withoutSuspendedAuthors } from "./moderated-accounts.ts";
import { loadStatusPage, type StatusPage } from "./status-page.ts";
import { findStatusesByIds } from "./statuses.ts";

export interface RelatedPage {
  accounts: Map<Id, AccountRow>;
  statuses: StatusPage;
  /** The warnings moderation_warning notifications tell of, by id. */
  warnings: Map<Id, AccountWarningRow>;
  /** The reports admin.report notifications tell of, by id, with their target accounts. */
  reports: Map<Id, { report: ReportRow; target: AccountRow }>;
}

/** The given accounts and statuses (with all a status page needs), as the viewer sees them in a filter context. */
export async function loadRelatedPage(
  db: Executor,
  accountIds: readonly (Id | null)[],
  statusIds: readonly (Id | null)[],
  viewerId: Id,
  context: FilterContext | null = null,
  warningIds: readonly (Id | null)[] = [],
  reportIds: readonly (Id | null)[] = [],
): Promise<RelatedPage> {
  const present = (ids: readonly (Id | null)[]) => [...new Set(ids.filter((id): id is Id => id !== null))];
  const [accounts, statusRows, warnings, reports] = await Promise.all([
    findAccountsByIds(db, present(accountIds)),
    findStatusesByIds(db, present(statusIds)),
    findAccountWarnings(db, present(warningIds)),
    findReportsWithTargets(db, present(reportIds)),
  ]);
  return {
    accounts: new Map(accounts.filter((a) => a.deleted_at === null && a.suspended_at === null).map((a) => [a.id, a])),
    statuses: withoutSuspendedAuthors(await loadStatusPage(db, statusRows, viewerId, context)),
    warnings,
    reports,
  };
}
