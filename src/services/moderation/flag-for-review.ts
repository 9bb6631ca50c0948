// What a "flag for review" rule does with a match: a report from the instance
// in the moderators' queue (Mastodon files its automatic reports from its
// representative account; Parley's instance actor has no account, so the
// report is filed by the oldest owner or admin, on the instance's behalf),
// beside an audit entry naming the rule. With no staff yet, the audit entry
// and the rule's kept match are all there is.
import { findFirstStaffMember } from "../../../db/queries/instance-settings.ts";
import { findStatusById } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { RuleMatch } from "../../domain/rules/compile-rules.ts";
import type { Emit, ServiceDeps, Tx } from "../context.ts";
import { newReportRow, storeReport } from "../reports/file-report.ts";
import { recordAudit, SYSTEM_MODERATOR } from "./audit.ts";

/** Puts what a rule flagged in front of the moderators: a report, in the caller's transaction. */
export async function flagForReview(deps: ServiceDeps, tx: Tx, emit: Emit, match: RuleMatch, target: { type: "status" | "account"; id: Id }): Promise<void> {
  await recordAudit(deps, tx, SYSTEM_MODERATOR, {
    action: "rule.flag",
    targetType: target.type,
    targetId: target.id,
    reason: match.excerpt,
    data: { rule_id: match.rule.id },
  });
  const filer = await findFirstStaffMember(tx);
  const status = target.type === "status" ? await findStatusById(tx, target.id) : undefined;
  const accountId = status ? status.account_id : target.id;
  if (!filer || filer.account.id === accountId) return;
  await storeReport(deps, tx, emit, newReportRow({
    id: deps.ids.next(),
    accountId: filer.account.id,
    targetAccountId: accountId,
    statusIds: status ? [status.id] : [],
    category: "other",
    comment: `Flagged by automatic rule ${match.rule.id} (${match.rule.kind}): ${match.excerpt}`.slice(0, 1000),
  }));
}
