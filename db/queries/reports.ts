// Queries on reports and their notes: writing, the moderators' queue, and
// lookups by the Flag that carried a report.
import type { Insertable, Selectable, Updateable } from "kysely";
import type { Id, Role } from "../schema/index.ts";
import type { ReportNotesTable, ReportsTable } from "../schema/reports.ts";
import { type AccountRow, findAccountsByIds } from "./accounts.ts";
import type { Executor } from "./executor.ts";
import { type IdRange, withinRange } from "./timelines.ts";

export type ReportRow = Selectable<ReportsTable>;
export type ReportNoteRow = Selectable<ReportNotesTable>;

/** Stores a new report. */
export async function insertReport(db: Executor, row: Insertable<ReportsTable>): Promise<void> {
  await db.insertInto("reports").values(row).execute();
}

/** Changes a report. */
export async function updateReport(db: Executor, id: Id, changes: Updateable<ReportsTable>): Promise<void> {
  await db.updateTable("reports").set(changes).where("id", "=", id).execute();
}

/** One report by id. */
export function findReportById(db: Executor, id: Id): Promise<ReportRow | undefined> {
  return db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Reports by id, each with its target account (suspended or not: a report outlives what it led to). */
export async function findReportsWithTargets(db: Executor, ids: readonly Id[]): Promise<Map<Id, { report: ReportRow; target: AccountRow }>> {
  if (ids.length === 0) return new Map();
  const reports = await db.selectFrom("reports").selectAll().where("id", "in", ids).execute();
  const targets = new Map((await findAccountsByIds(db, reports.map((r) => r.target_account_id))).map((a) => [a.id, a]));
  return new Map(reports.flatMap((report) => {
    const target = targets.get(report.target_account_id);
    return target ? [[report.id, { report, target }] as const] : [];
  }));
}

/** The report a Flag carried (inbound) or that Parley forwarded as that Flag. */
export function findReportByUri(db: Executor, uri: string): Promise<ReportRow | undefined> {
  return db.selectFrom("reports").selectAll().where("uri", "=", uri).executeTakeFirst();
}

export interface ReportFilter {
  /** true: resolved only; false: open only; undefined: both. */
  resolved?: boolean;
  /** The filer. */
  accountId?: Id;
  targetAccountId?: Id;
  /** Reports against accounts of this host (Mastodon's by_target_domain). */
  targetDomain?: string;
}

/** One keyset page of reports under the filter. */
export function pageReports(db: Executor, filter: ReportFilter, range: IdRange): Promise<ReportRow[]> {
  let q = withinRange(db.selectFrom("reports").selectAll(), "id", range);
  if (filter.resolved === true) q = q.where("action_taken_at", "is not", null);
  if (filter.resolved === false) q = q.where("action_taken_at", "is", null);
  if (filter.accountId) q = q.where("account_id", "=", filter.accountId);
  if (filter.targetAccountId) q = q.where("target_account_id", "=", filter.targetAccountId);
  if (filter.targetDomain) {
    const domain = filter.targetDomain.toLowerCase();
    q = q.where("target_account_id", "in", db.selectFrom("accounts").select("id").where("domain", "=", domain));
  }
  return q.execute();
}

/** Local accounts of the given roles that may be told of reports: not disabled, not suspended, not deleted. */
export async function findReportHandlerIds(db: Executor, roles: readonly Role[]): Promise<Id[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom("users as u")
    .innerJoin("accounts as a", "a.id", "u.account_id")
    .select("u.account_id")
    .where("u.role", "in", roles)
    .where("u.disabled_at", "is", null)
    .where("a.suspended_at", "is", null)
    .where("a.deleted_at", "is", null)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Adds a note to a report. */
export async function insertReportNote(db: Executor, row: Insertable<ReportNotesTable>): Promise<void> {
  await db.insertInto("report_notes").values(row).execute();
}

/** A report's notes, oldest first. */
export function listReportNotes(db: Executor, reportId: Id): Promise<ReportNoteRow[]> {
  return db.selectFrom("report_notes").selectAll().where("report_id", "=", reportId).orderBy("id", "asc").execute();
}
