// Runs the automatic rules on a status or a profile before anyone sees it:
// every match is counted and kept as an example (dry-run rules stop there),
// and the enforced matches become one verdict: reject, hold, mark sensitive,
// flag for review. A profile is not held: a hold rule flags it.
import { findAttachableMedia } from "../../../db/queries/media.ts";
import { type AccountRow, updateAccount } from "../../../db/queries/accounts.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import { recordRuleMatches } from "../../../db/queries/moderation-rules.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { RuleMatch, RuleSubject } from "../../domain/rules/compile-rules.ts";
import { htmlToPlainText } from "../../domain/sanitize-html.ts";
import { sharedLinks } from "../../domain/status-links.ts";
import type { Emit, ServiceDeps, Tx } from "../context.ts";
import type { StatusDraft } from "../statuses/status-draft.ts";
import { recordAudit, SYSTEM_MODERATOR } from "./audit.ts";
import { flagForReview } from "./flag-for-review.ts";
import { activeRules } from "./rule-cache.ts";
import { holdInTransaction } from "./status-holds.ts";

/** What a local author is told when a rule rejects a post or an edit. */
export const REJECTED_POST = "This post breaks a rule of this server and was not published";

/** Examples kept per rule. */
export const KEPT_MATCHES = 20;

export interface RuleVerdict {
  reject?: RuleMatch;
  hold?: RuleMatch;
  sensitive?: RuleMatch;
  flags: RuleMatch[];
}

/** What the rules see of a status draft: its text, warning, alt texts, links, mentions. */
export async function statusSubject(deps: ServiceDeps, draft: StatusDraft, author: AccountRow): Promise<RuleSubject> {
  const localMedia = draft.mediaIds?.length ? await findAttachableMedia(deps.db, author.id, draft.mediaIds, null) : [];
  return {
    type: "status",
    text: draft.origin === "local" ? (draft.text ?? "") : htmlToPlainText(draft.content),
    spoiler: draft.spoilerText ?? "",
    altTexts: [...localMedia, ...(draft.attachments ?? [])].flatMap((m) => (m.description ? [m.description] : [])),
    displayName: "",
    bio: "",
    links: sharedLinks(draft.content),
    mentions: new Set(draft.mentionAccountIds ?? []).size,
    accountCreatedAt: author.created_at,
  };
}

/** What the rules see of a profile: display name, bio (HTML) and its links. */
export function accountSubject(profile: { displayName: string; note: string; createdAt: number }): RuleSubject {
  return {
    type: "account",
    text: "",
    spoiler: "",
    altTexts: [],
    displayName: profile.displayName,
    bio: htmlToPlainText(profile.note),
    links: sharedLinks(profile.note),
    mentions: 0,
    accountCreatedAt: profile.createdAt,
  };
}

/** Matches the subject (built only when there are rules) against the rules, records the matches, and returns what the enforced ones decide. */
export async function runRules(deps: ServiceDeps, subjectOf: () => RuleSubject | Promise<RuleSubject>, about: { uri: string | null; accountId: Id | null }): Promise<RuleVerdict> {
  const rules = await activeRules(deps);
  if (rules.size === 0) return { flags: [] };
  const subject = await subjectOf();
  const now = Date.now();
  const matches = rules.match(subject, now);
  await recordRuleMatches(deps.db, matches.map((m) => ({
    id: deps.ids.next(),
    rule_id: m.rule.id,
    subject_type: subject.type,
    subject_uri: about.uri,
    account_id: about.accountId,
    excerpt: m.excerpt,
    dry_run: m.rule.dryRun ? 1 : 0,
    created_at: now,
  })), KEPT_MATCHES);
  const enforced = matches.filter((m) => !m.rule.dryRun);
  const first = (action: string) => enforced.find((m) => m.rule.action === action);
  return { reject: first("reject"), hold: first("hold"), sensitive: first("sensitive"), flags: enforced.filter((m) => m.rule.action === "flag") };
}

/** Applies to a stored profile what the rules decided beyond rejection: a flag (hold flags too: profiles are not held), media marked sensitive. */
export async function enforceProfileVerdict(deps: ServiceDeps, tx: Tx, emit: Emit, accountId: Id, verdict: RuleVerdict): Promise<void> {
  for (const match of [...verdict.flags, ...(verdict.hold ? [verdict.hold] : [])]) await flagForReview(deps, tx, emit, match, { type: "account", id: accountId });
  if (!verdict.sensitive) return;
  await updateAccount(tx, accountId, { sensitized_at: Date.now() });
  await recordAudit(deps, tx, SYSTEM_MODERATOR, {
    action: "account.sensitive", targetType: "account", targetId: accountId, reason: verdict.sensitive.excerpt, data: { rule_id: verdict.sensitive.rule.id },
  });
}

/**
 * Applies to a stored status what the rules decided beyond rejection, in its transaction: audited
 * sensitivity, a hold (of a delivered status: `published`), flags. Creation and edits both use it.
 */
export async function enforceStatusVerdict(deps: ServiceDeps, tx: Tx, emit: Emit, status: StatusRow, verdict: RuleVerdict, published: boolean): Promise<void> {
  if (verdict.sensitive) {
    await recordAudit(deps, tx, SYSTEM_MODERATOR, {
      action: "status.sensitive", targetType: "status", targetId: status.id, reason: verdict.sensitive.excerpt, data: { rule_id: verdict.sensitive.rule.id },
    });
  }
  if (verdict.hold && status.held_at === null) {
    await holdInTransaction(deps, tx, SYSTEM_MODERATOR, status, { reason: verdict.hold.excerpt, ruleId: verdict.hold.rule.id, published });
  }
  for (const flag of verdict.flags) await flagForReview(deps, tx, emit, flag, { type: "status", id: status.id });
}
