// Reports as Mastodon's Report entity (what the filer sees).
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { ReportRow } from "../../db/queries/reports.ts";
import { type AccountEntity, serializeAccount } from "./account.ts";
import { type EntityContext, isoTime } from "./context.ts";

export interface ReportEntity {
  id: string;
  action_taken: boolean;
  action_taken_at: string | null;
  category: string;
  comment: string;
  forwarded: boolean;
  created_at: string;
  status_ids: string[] | null;
  rule_ids: string[] | null;
  collection_ids: string[];
  target_account: AccountEntity;
}

/** The fields Report and Admin::Report share. */
export function reportBasics(report: ReportRow) {
  return {
    id: report.id,
    action_taken: report.action_taken_at !== null,
    action_taken_at: report.action_taken_at === null ? null : isoTime(report.action_taken_at),
    category: report.category,
    comment: report.comment,
    forwarded: report.forwarded === 1,
    created_at: isoTime(report.created_at),
  };
}

/** Serializes a report for its filer, with its target account. */
export function serializeReport(ctx: EntityContext, report: ReportRow, target: AccountRow): ReportEntity {
  const statusIds = JSON.parse(report.status_ids) as string[];
  const ruleIds = JSON.parse(report.rule_ids) as string[];
  return {
    ...reportBasics(report),
    status_ids: statusIds.length ? statusIds : null,
    rule_ids: ruleIds.length ? ruleIds : null,
    collection_ids: [],
    target_account: serializeAccount(ctx, target),
  };
}
