// What a "flag for review" rule does with a match. The brief wants a report
// from the instance; the reports service (engineer D) was not committed when
// this was written, so a flag is, for now, an audit entry (rule.flag) naming
// the rule and the subject, beside the rule's kept match. This is the one
// seam to switch to fileReport once it lands.
import type { Id } from "../../../db/schema/index.ts";
import type { RuleMatch } from "../../domain/rules/compile-rules.ts";
import type { ServiceDeps, Tx } from "../context.ts";
import { recordAudit, SYSTEM_MODERATOR } from "./audit.ts";

/** Puts what a rule flagged in front of the moderators. */
export async function flagForReview(deps: ServiceDeps, tx: Tx, match: RuleMatch, target: { type: "status" | "account"; id: Id }): Promise<void> {
  await recordAudit(deps, tx, SYSTEM_MODERATOR, {
    action: "rule.flag",
    targetType: target.type,
    targetId: target.id,
    reason: match.excerpt,
    data: { rule_id: match.rule.id },
  });
}
