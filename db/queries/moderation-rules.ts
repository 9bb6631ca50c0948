// Queries on automatic moderation rules and the examples of what they matched.
import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { ModerationRuleMatchesTable, ModerationRulesTable } from "../schema/rules.ts";
import type { RuleDefinition } from "../../src/domain/rules/compile-rules.ts";
import type { Executor } from "./executor.ts";

export type RuleRow = Selectable<ModerationRulesTable>;
export type RuleMatchRow = Selectable<ModerationRuleMatchesTable>;

/** A rule row with its JSON parsed, as the matcher takes it. */
export function ruleDefinitionOf(row: RuleRow): RuleDefinition {
  return { id: row.id, kind: row.kind, pattern: row.pattern, fields: JSON.parse(row.fields), params: JSON.parse(row.params), action: row.action, dryRun: row.dry_run === 1 };
}

/** Every rule, oldest first. */
export function listRules(db: Executor): Promise<RuleRow[]> {
  return db.selectFrom("moderation_rules").selectAll().orderBy("id").execute();
}

/** One rule. */
export function findRule(db: Executor, id: Id): Promise<RuleRow | undefined> {
  return db.selectFrom("moderation_rules").selectAll().where("id", "=", id).executeTakeFirst();
}

/** What changes when any rule changes: compiled rules are rebuilt when it differs. */
export async function rulesVersion(db: Executor): Promise<string> {
  const row = await db
    .selectFrom("moderation_rules")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("updated_at").as("latest")])
    .executeTakeFirstOrThrow();
  return `${row.n}:${row.latest ?? 0}`;
}

/** Inserts a rule. */
export async function insertRule(db: Executor, row: Insertable<ModerationRulesTable>): Promise<void> {
  await db.insertInto("moderation_rules").values(row).execute();
}

/** Updates a rule. */
export async function updateRule(db: Executor, id: Id, changes: Updateable<ModerationRulesTable>): Promise<void> {
  await db.updateTable("moderation_rules").set(changes).where("id", "=", id).execute();
}

/** Deletes a rule (its examples go with it). */
export async function deleteRule(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("moderation_rules").where("id", "=", id).execute();
}

/** Counts a match on each rule and keeps it as an example, dropping examples beyond the newest `keep`. */
export async function recordRuleMatches(db: Executor, rows: Insertable<ModerationRuleMatchesTable>[], keep: number): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto("moderation_rule_matches").values(rows).execute();
  for (const row of rows) {
    await db
      .updateTable("moderation_rules")
      .set({ matches_count: sql`matches_count + 1`, last_matched_at: row.created_at })
      .where("id", "=", row.rule_id)
      .execute();
    const kept = db.selectFrom("moderation_rule_matches").select("id").where("rule_id", "=", row.rule_id).orderBy("id", "desc").limit(keep);
    await db.deleteFrom("moderation_rule_matches").where("rule_id", "=", row.rule_id).where("id", "not in", kept).execute();
  }
}

/** The kept examples of the given rules, newest first. */
export function findRuleMatches(db: Executor, ruleIds: readonly Id[]): Promise<RuleMatchRow[]> {
  if (ruleIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("moderation_rule_matches").selectAll().where("rule_id", "in", ruleIds).orderBy("id", "desc").execute();
}
