// Parley's ModerationRule JSON (no Mastodon counterpart): an automatic rule
// with how often it matched and its latest examples (what a dry run shows).
import type { RuleMatchRow, RuleRow } from "../../db/queries/moderation-rules.ts";
import type { RuleParams } from "../../db/schema/rules.ts";

export interface RuleMatchJson {
  subject_type: string;
  subject_uri: string | null;
  account_id: string | null;
  excerpt: string;
  dry_run: boolean;
  created_at: string;
}

export interface ModerationRuleJson {
  id: string;
  kind: string;
  pattern: string | null;
  fields: string[];
  max_mentions: number | null;
  account_age_hours: number | null;
  max_links_per_domain: number | null;
  domains: string[];
  action: string;
  dry_run: boolean;
  comment: string;
  matches_count: number;
  last_matched_at: string | null;
  examples: RuleMatchJson[];
  created_at: string;
  updated_at: string;
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

/** Serializes a rule with its kept examples (newest first). */
export function serializeRule(row: RuleRow, examples: readonly RuleMatchRow[]): ModerationRuleJson {
  const params = JSON.parse(row.params) as RuleParams;
  return {
    id: row.id,
    kind: row.kind,
    pattern: row.pattern,
    fields: JSON.parse(row.fields) as string[],
    max_mentions: params.maxMentions ?? null,
    account_age_hours: params.accountAgeHours ?? null,
    max_links_per_domain: params.maxLinksPerDomain ?? null,
    domains: params.domains ?? [],
    action: row.action,
    dry_run: row.dry_run === 1,
    comment: row.comment,
    matches_count: Number(row.matches_count),
    last_matched_at: row.last_matched_at === null ? null : iso(row.last_matched_at),
    examples: examples.map((m) => ({
      subject_type: m.subject_type,
      subject_uri: m.subject_uri,
      account_id: m.account_id,
      excerpt: m.excerpt,
      dry_run: m.dry_run === 1,
      created_at: iso(m.created_at),
    })),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}
