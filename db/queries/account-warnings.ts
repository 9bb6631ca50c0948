// Queries on account warnings (0013-account-moderation): what moderators told
// an account.
import type { Insertable, Selectable } from "kysely";
import type { AccountWarningsTable } from "../schema/account-moderation.ts";
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type AccountWarningRow = Selectable<AccountWarningsTable>;

/** Inserts a warning. */
export async function insertAccountWarning(db: Executor, row: Insertable<AccountWarningsTable>): Promise<void> {
  await db.insertInto("account_warnings").values(row).execute();
}

/** The warnings with these ids, by id. */
export async function findAccountWarnings(db: Executor, ids: readonly Id[]): Promise<Map<Id, AccountWarningRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("account_warnings").selectAll().where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
