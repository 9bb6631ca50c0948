// Loads the accounts and statuses that a page of notifications, groups,
// requests or conversations refers to, in a fixed number of queries.
import type { FilterContext } from "../../src/domain/filters.ts";
import type { Id } from "../schema/index.ts";
import { type AccountRow, findAccountsByIds } from "./accounts.ts";
import { type AccountWarningRow, findAccountWarnings } from "./account-warnings.ts";
import type { Executor } from "./executor.ts";
import { loadStatusPage, type StatusPage } from "./status-page.ts";
import { findStatusesByIds } from "./statuses.ts";

export interface RelatedPage {
  accounts: Map<Id, AccountRow>;
  statuses: StatusPage;
  /** The warnings moderation_warning notifications tell of, by id. */
  warnings: Map<Id, AccountWarningRow>;
}

/** The given accounts and statuses (with all a status page needs), as the viewer sees them in a filter context. */
export async function loadRelatedPage(
  db: Executor,
  accountIds: readonly (Id | null)[],
  statusIds: readonly (Id | null)[],
  viewerId: Id,
  context: FilterContext | null = null,
  warningIds: readonly (Id | null)[] = [],
): Promise<RelatedPage> {
  const present = (ids: readonly (Id | null)[]) => [...new Set(ids.filter((id): id is Id => id !== null))];
  const [accounts, statusRows, warnings] = await Promise.all([
    findAccountsByIds(db, present(accountIds)),
    findStatusesByIds(db, present(statusIds)),
    findAccountWarnings(db, present(warningIds)),
  ]);
  return {
    accounts: new Map(accounts.filter((a) => a.deleted_at === null && a.suspended_at === null).map((a) => [a.id, a])),
    statuses: await loadStatusPage(db, statusRows, viewerId, context),
    warnings,
  };
}
