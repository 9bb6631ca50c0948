// Filing a report: one path for a local user's POST /api/v1/reports and for
// an inbound Flag from another instance. Staff who handle reports are told
// (admin.report); a forwarded report goes out as a Flag from the instance
// actor (report.forwarded, federation/outbound).
import { type AccountRow, findAccountById } from "../../../db/queries/accounts.ts";
import { listRules } from "../../../db/queries/instance-settings.ts";
import { findReportByUri, insertReport, type ReportRow } from "../../../db/queries/reports.ts";
import { findStatusesByIds } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { ReportCategory } from "../../../db/schema/reports.ts";
import type { Origin } from "../../domain/events.ts";
import { INSTANCE_ACTOR } from "../../domain/instance-actor.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type Emit, type ServiceDeps, type Tx, writeTransaction } from "../context.ts";
import { domainPolicy } from "../moderation/federation-policy.ts";
import { filterVisibleStatuses } from "../visibility/may-view-status.ts";
import { notifyStaffOfReport } from "./report-notifications.ts";

// Mastodon's Report::COMMENT_SIZE_LIMIT for local reports; remote comments are cut, not refused.
const MAX_COMMENT = 1000;
const MAX_REMOTE_COMMENT = 5000;

export interface ReportInput {
  origin: Origin;
  /** The filer: a local account, or the remote actor that sent the Flag. */
  accountId: Id;
  targetAccountId: Id;
  statusIds?: readonly Id[];
  category?: ReportCategory;
  ruleIds?: readonly Id[];
  comment?: string;
  /** Local reports against a remote account: send a Flag to its instance. */
  forward?: boolean;
  /** Other instances to forward to: those of accounts the reported statuses reply to. */
  forwardToDomains?: readonly string[];
  /** The inbound Flag's id. */
  uri?: string;
}

/** Whether every id names one of the instance rules. */
export async function checkRules(deps: ServiceDeps, ruleIds: readonly Id[]): Promise<boolean> {
  if (ruleIds.length === 0) return true;
  const known = new Set((await listRules(deps.db)).map((rule) => rule.id));
  return ruleIds.every((id) => known.has(id));
}

// The reported statuses must be the target's; a local reporter must also be able to see them.
async function reportedStatusIds(deps: ServiceDeps, input: ReportInput): Promise<Id[] | null> {
  const wanted = [...new Set(input.statusIds ?? [])];
  const rows = (await findStatusesByIds(deps.db, wanted)).filter((s) => s.account_id === input.targetAccountId);
  if (input.origin === "remote") return rows.map((s) => s.id);
  const visible = await filterVisibleStatuses(deps.db, rows, input.accountId);
  return visible.length === wanted.length ? visible.map((s) => s.id) : null;
}

// What a forwarded Flag carries, fixed when the report is filed (a suspension
// right after purges the statuses before the Flag leaves): the statuses anyone
// may see, and who gets it: the target, and one account of each instance asked
// for among those the statuses reply to (the Flag goes to shared inboxes).
async function forwarding(deps: ServiceDeps, statusIds: Id[], asked: readonly string[], target: AccountRow): Promise<{ statusUris: string[]; recipientIds: Id[] }> {
  const statuses = await findStatusesByIds(deps.db, statusIds);
  const statusUris = statuses.filter((s) => s.account_id === target.id && (s.visibility === "public" || s.visibility === "unlisted")).map((s) => s.uri);
  const recipientIds = [target.id];
  const domains = new Set([target.domain]);
  for (const id of new Set(statuses.flatMap((s) => (s.in_reply_to_account_id ? [s.in_reply_to_account_id] : [])))) {
    const account = await findAccountById(deps.db, id);
    if (!account?.domain || domains.has(account.domain) || !asked.includes(account.domain)) continue;
    domains.add(account.domain);
    recipientIds.push(account.id);
  }
  return { statusUris, recipientIds };
}

/** A new, open report's row. */
export function newReportRow(fields: {
  id: Id; accountId: Id; targetAccountId: Id; statusIds: readonly Id[]; ruleIds?: readonly Id[];
  category: ReportCategory; comment: string; forwarded?: boolean; uri?: string | null;
}): ReportRow {
  const now = Date.now();
  return {
    id: fields.id,
    account_id: fields.accountId,
    target_account_id: fields.targetAccountId,
    status_ids: JSON.stringify(fields.statusIds),
    rule_ids: JSON.stringify(fields.ruleIds ?? []),
    category: fields.category,
    comment: fields.comment,
    forwarded: fields.forwarded ? 1 : 0,
    uri: fields.uri ?? null,
    assigned_account_id: null,
    action_taken_at: null,
    action_taken_by_account_id: null,
    action_taken: null,
    remote_action_taken: null,
    remote_resolved_at: null,
    created_at: now,
    updated_at: now,
  };
}

/** Stores a report in the caller's transaction and tells the staff who handle reports. */
export async function storeReport(deps: ServiceDeps, tx: Tx, emit: Emit, row: ReportRow): Promise<void> {
  await insertReport(tx, row);
  await notifyStaffOfReport(deps, tx, emit, row);
}

/** Files a report (Mastodon's ReportService): validates, stores, and forwards when asked. */
export async function fileReport(deps: ServiceDeps, input: ReportInput): Promise<Result<ReportRow>> {
  if (input.uri) {
    const known = await findReportByUri(deps.db, input.uri);
    if (known) return ok(known);
  }
  const target = await findAccountById(deps.db, input.targetAccountId);
  if (!target || target.deleted_at !== null) return fail("not-found", "Record not found");
  if (input.origin === "remote") {
    if (target.domain !== null) return fail("not-found", "Record not found");
    // A domain block with reject_reports (or a suspension) drops the other server's reports.
    const reporter = await findAccountById(deps.db, input.accountId);
    if (!reporter?.domain || (await domainPolicy(deps.db, reporter.domain)).rejectReports) return fail("forbidden", "Reports from this domain are rejected");
  }
  const comment = input.comment ?? "";
  if (input.origin === "local" && [...comment].length > MAX_COMMENT) return fail("validation", `Validation failed: Comment is too long (maximum is ${MAX_COMMENT} characters)`);
  const ruleIds = [...new Set(input.ruleIds ?? [])];
  if (!(await checkRules(deps, ruleIds))) return fail("validation", "Validation failed: Rule ids are invalid");
  const statusIds = await reportedStatusIds(deps, input);
  if (!statusIds) return fail("not-found", "Record not found");

  // Mastodon: rule_ids make the category "violation", whatever was asked.
  const category: ReportCategory = ruleIds.length > 0 ? "violation" : (input.category ?? "other");
  const forwarded = input.origin === "local" && input.forward === true && target.domain !== null;
  const forward = forwarded ? await forwarding(deps, statusIds, input.forwardToDomains ?? [], target) : null;
  const id = deps.ids.next();
  const flagId = forwarded ? deps.uris.activity(INSTANCE_ACTOR, "flag", id) : null;
  const row = newReportRow({
    id,
    accountId: input.accountId,
    targetAccountId: target.id,
    statusIds,
    ruleIds,
    category,
    comment: input.origin === "remote" ? [...comment].slice(0, MAX_REMOTE_COMMENT).join("") : comment,
    forwarded,
    uri: input.uri ?? flagId,
  });
  await writeTransaction(deps, async (tx, emit) => {
    await storeReport(deps, tx, emit, row);
    if (flagId && forward) emit({ type: "report.forwarded", reportId: id, activityId: flagId, ...forward }, { federate: true });
  });
  return ok(row);
}
