// Queries on users' content filters, their keywords and filtered statuses.
// Ownership is part of every lookup: another user's filter does not exist.
import { type Insertable, type Selectable, sql, type Updateable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { ActiveFilter } from "../../src/domain/filters.ts";
import type { FilterAction, FilterContext, FilterKeywordsTable, FiltersTable, FilterStatusesTable } from "../schema/instance.ts";
import type { Executor } from "./executor.ts";

export type FilterRow = Selectable<FiltersTable>;
export type FilterKeywordRow = Selectable<FilterKeywordsTable>;
export type FilterStatusRow = Selectable<FilterStatusesTable>;

/** A filter's keywords and statuses, by filter id. */
export interface FilterDetails {
  keywords: Map<Id, FilterKeywordRow[]>;
  statuses: Map<Id, FilterStatusRow[]>;
}

/** The account's filters, oldest first (as Mastodon lists them). */
export function listOwnFilters(db: Executor, accountId: Id): Promise<FilterRow[]> {
  return db.selectFrom("filters").selectAll().where("account_id", "=", accountId).orderBy("id").execute();
}

/** One of the account's filters. */
export function findOwnFilter(db: Executor, accountId: Id, id: Id): Promise<FilterRow | undefined> {
  return db.selectFrom("filters").selectAll().where("id", "=", id).where("account_id", "=", accountId).executeTakeFirst();
}

/** Keywords and statuses of the given filters, in two queries. */
export async function loadFilterDetails(db: Executor, filterIds: readonly Id[]): Promise<FilterDetails> {
  const details: FilterDetails = { keywords: new Map(), statuses: new Map() };
  if (filterIds.length === 0) return details;
  const [keywords, statuses] = await Promise.all([
    db.selectFrom("filter_keywords").selectAll().where("filter_id", "in", filterIds).orderBy("id").execute(),
    db.selectFrom("filter_statuses").selectAll().where("filter_id", "in", filterIds).orderBy("id").execute(),
  ]);
  for (const k of keywords) details.keywords.set(k.filter_id, [...(details.keywords.get(k.filter_id) ?? []), k]);
  for (const s of statuses) details.statuses.set(s.filter_id, [...(details.statuses.get(s.filter_id) ?? []), s]);
  return details;
}

/** Inserts a filter. */
export async function insertFilter(db: Executor, row: Insertable<FiltersTable>): Promise<void> {
  await db.insertInto("filters").values(row).execute();
}

/** Changes a filter. */
export async function updateFilter(db: Executor, id: Id, changes: Updateable<FiltersTable>): Promise<void> {
  await db.updateTable("filters").set(changes).where("id", "=", id).execute();
}

/** Deletes a filter with its keywords and statuses. */
export async function deleteFilter(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("filters").where("id", "=", id).execute();
}

/** Inserts keywords. */
export async function insertFilterKeywords(db: Executor, rows: Insertable<FilterKeywordsTable>[]): Promise<void> {
  if (rows.length) await db.insertInto("filter_keywords").values(rows).execute();
}

/** A keyword of one of the account's filters. */
export function findOwnFilterKeyword(db: Executor, accountId: Id, id: Id): Promise<FilterKeywordRow | undefined> {
  return db
    .selectFrom("filter_keywords as k")
    .innerJoin("filters as f", "f.id", "k.filter_id")
    .selectAll("k")
    .where("k.id", "=", id)
    .where("f.account_id", "=", accountId)
    .executeTakeFirst();
}

/** Which of the given keyword ids belong to the filter. */
export async function findKeywordIdsOfFilter(db: Executor, filterId: Id, ids: readonly Id[]): Promise<Id[]> {
  const rows = await db.selectFrom("filter_keywords").select("id").where("filter_id", "=", filterId).where("id", "in", ids).execute();
  return rows.map((r) => r.id);
}

/** Changes a keyword. */
export async function updateFilterKeyword(db: Executor, id: Id, changes: Updateable<FilterKeywordsTable>): Promise<void> {
  await db.updateTable("filter_keywords").set(changes).where("id", "=", id).execute();
}

/** Deletes keywords by id. */
export async function deleteFilterKeywords(db: Executor, ids: readonly Id[]): Promise<void> {
  if (ids.length) await db.deleteFrom("filter_keywords").where("id", "in", ids).execute();
}

/** How many keywords a filter has. */
export async function countFilterKeywords(db: Executor, filterId: Id): Promise<number> {
  const row = await db.selectFrom("filter_keywords").select((eb) => eb.fn.countAll<number>().as("n")).where("filter_id", "=", filterId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Adds a status to a filter. */
export async function insertFilterStatus(db: Executor, row: Insertable<FilterStatusesTable>): Promise<void> {
  await db.insertInto("filter_statuses").values(row).execute();
}

/** A filtered status of one of the account's filters. */
export function findOwnFilterStatus(db: Executor, accountId: Id, id: Id): Promise<FilterStatusRow | undefined> {
  return db
    .selectFrom("filter_statuses as s")
    .innerJoin("filters as f", "f.id", "s.filter_id")
    .selectAll("s")
    .where("s.id", "=", id)
    .where("f.account_id", "=", accountId)
    .executeTakeFirst();
}

/** The entry of a status in a filter, if any. */
export function findFilterStatusByStatus(db: Executor, filterId: Id, statusId: Id): Promise<FilterStatusRow | undefined> {
  return db.selectFrom("filter_statuses").selectAll().where("filter_id", "=", filterId).where("status_id", "=", statusId).executeTakeFirst();
}

/** Removes a status from a filter. */
export async function deleteFilterStatus(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("filter_statuses").where("id", "=", id).execute();
}

// One row per rule of the viewer's unexpired filters: a keyword, or a status id among statusIds.
interface FilterRuleRow {
  id: Id;
  title: string;
  context: string;
  action: string;
  expires_at: number | null;
  kind: "keyword" | "status";
  value: string;
  whole_word: number;
}

function loadFilterRules(db: Executor, accountId: Id, statusIds: readonly Id[], now: number): Promise<FilterRuleRow[]> {
  const active = () =>
    db.selectFrom("filters as f").where("f.account_id", "=", accountId).where((eb) => eb.or([eb("f.expires_at", "is", null), eb("f.expires_at", ">", now)]));
  const columns = ["f.id", "f.title", "f.context", "f.action", "f.expires_at"] as const;
  const keywords = active()
    .innerJoin("filter_keywords as k", "k.filter_id", "f.id")
    .select([...columns, sql<string>`'keyword'`.as("kind"), sql<string>`k.keyword`.as("value"), sql<number>`k.whole_word`.as("whole_word")]);
  if (statusIds.length === 0) return keywords.execute() as Promise<FilterRuleRow[]>;
  const statuses = active()
    .innerJoin("filter_statuses as s", "s.filter_id", "f.id")
    .select([...columns, sql<string>`'status'`.as("kind"), sql<string>`cast(s.status_id as text)`.as("value"), sql<number>`0`.as("whole_word")])
    .where("s.status_id", "in", statusIds);
  return keywords.unionAll(statuses).execute() as Promise<FilterRuleRow[]>;
}

/**
 * The viewer's unexpired filters with their keywords, and their filtered
 * statuses among the given ones: one query for a whole page of statuses.
 */
export async function loadActiveFilters(db: Executor, accountId: Id, statusIds: readonly Id[], now = Date.now()): Promise<ActiveFilter[]> {
  const filters = new Map<Id, ActiveFilter>();
  for (const row of await loadFilterRules(db, accountId, statusIds, now)) {
    let filter = filters.get(row.id);
    if (!filter) {
      filter = {
        id: row.id,
        title: row.title,
        context: JSON.parse(row.context) as FilterContext[],
        action: row.action as FilterAction,
        expiresAt: row.expires_at,
        keywords: [],
        statusIds: [],
      };
      filters.set(row.id, filter);
    }
    if (row.kind === "keyword") filter.keywords.push({ keyword: row.value, wholeWord: Number(row.whole_word) === 1 });
    else filter.statusIds.push(row.value);
  }
  return [...filters.values()];
}
