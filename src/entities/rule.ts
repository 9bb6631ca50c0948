// Server rules as Mastodon's Rule entity.
import type { RuleRow } from "../../db/queries/instance-settings.ts";

export interface RuleEntity {
  id: string;
  text: string;
  hint: string;
}

/** Serializes a rule. */
export function serializeRule(row: RuleRow): RuleEntity {
  return { id: row.id, text: row.text, hint: row.hint };
}
