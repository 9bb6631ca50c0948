// The operator's description of the instance: settings (one row per changed
// key) and the server rules.
import type { Insertable, Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { InstanceRulesTable } from "../schema/instance.ts";
import type { AccountRow } from "./accounts.ts";
import type { Executor } from "./executor.ts";

export type RuleRow = Selectable<InstanceRulesTable>;

/** A stored setting's value and when it changed. */
export interface StoredSetting {
  value: string;
  updatedAt: number;
}

/** Every stored setting, by key. */
export async function readInstanceSettings(db: Executor): Promise<Map<string, StoredSetting>> {
  const rows = await db.selectFrom("instance_settings").selectAll().execute();
  return new Map(rows.map((r) => [r.key, { value: r.value, updatedAt: r.updated_at }]));
}

/** Stores a setting (insert or replace). */
export async function writeInstanceSetting(db: Executor, key: string, value: string, now: number): Promise<void> {
  await db
    .insertInto("instance_settings")
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** Removes a setting: it takes its default again. */
export async function deleteInstanceSetting(db: Executor, key: string): Promise<void> {
  await db.deleteFrom("instance_settings").where("key", "=", key).execute();
}

/** The rules in their order. */
export function listRules(db: Executor): Promise<RuleRow[]> {
  return db.selectFrom("instance_rules").selectAll().orderBy("position").orderBy("id").execute();
}

/** Inserts a rule. */
export async function insertRule(db: Executor, row: Insertable<InstanceRulesTable>): Promise<void> {
  await db.insertInto("instance_rules").values(row).execute();
}

/** The next free position at the end of the rules. */
export async function nextRulePosition(db: Executor): Promise<number> {
  const row = await db.selectFrom("instance_rules").select((eb) => eb.fn.max<number | null>("position").as("p")).executeTakeFirst();
  return row?.p == null ? 0 : Number(row.p) + 1;
}

/** Deletes a rule; false when there was none. */
export async function deleteRule(db: Executor, id: Id): Promise<boolean> {
  const result = await db.deleteFrom("instance_rules").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The oldest owner or admin with their account: the default contact of the instance. */
export async function findFirstStaffMember(db: Executor): Promise<{ email: string; account: AccountRow } | undefined> {
  const row = await db
    .selectFrom("users")
    .innerJoin("accounts", "accounts.id", "users.account_id")
    .selectAll("accounts")
    .select("users.email as user_email")
    .where("users.role", "in", ["owner", "admin"])
    .where("accounts.deleted_at", "is", null)
    .orderBy("users.id")
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const { user_email: email, ...account } = row;
  return { email, account };
}
