// The rules inside a filter, one at a time: its keywords and the statuses it
// filters (Mastodon's /api/v2/filters/.../keywords and .../statuses).
import {
  deleteFilterKeywords,
  deleteFilterStatus,
  type FilterKeywordRow,
  type FilterStatusRow,
  findFilterStatusByStatus,
  findOwnFilter,
  findOwnFilterKeyword,
  findOwnFilterStatus,
  insertFilterKeywords,
  insertFilterStatus,
  updateFilterKeyword,
} from "../../../db/queries/filters.ts";
import { findStatusById } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { mayViewStatus } from "../visibility/may-view-status.ts";
import { checkKeyword, newKeywordRow } from "./manage-filters.ts";

const notFound = () => fail("not-found", "Record not found");

/** Adds a keyword to one of the account's filters. */
export async function addFilterKeyword(
  deps: ServiceDeps,
  input: { accountId: Id; filterId: Id; keyword: string | undefined; wholeWord?: boolean | undefined },
): Promise<Result<FilterKeywordRow>> {
  const filter = await findOwnFilter(deps.db, input.accountId, input.filterId);
  if (!filter) return notFound();
  const keyword = checkKeyword(input.keyword);
  if (!keyword.ok) return keyword;
  const row = newKeywordRow(deps, filter.id, keyword.value, input.wholeWord, Date.now());
  await writeTransaction(deps, (tx) => insertFilterKeywords(tx, [row]));
  return ok(row);
}

/** Changes a keyword's text or word-boundary setting. */
export async function changeFilterKeyword(
  deps: ServiceDeps,
  input: { accountId: Id; keywordId: Id; keyword: string | undefined; wholeWord?: boolean | undefined },
): Promise<Result<FilterKeywordRow>> {
  const existing = await findOwnFilterKeyword(deps.db, input.accountId, input.keywordId);
  if (!existing) return notFound();
  const keyword = checkKeyword(input.keyword);
  if (!keyword.ok) return keyword;
  const changes = {
    keyword: keyword.value,
    whole_word: input.wholeWord === undefined ? existing.whole_word : input.wholeWord ? 1 : 0,
    updated_at: Date.now(),
  };
  await writeTransaction(deps, (tx) => updateFilterKeyword(tx, existing.id, changes));
  return ok({ ...existing, ...changes });
}

/** Removes a keyword from its filter (the filter stays, as in Mastodon). */
export async function removeFilterKeyword(deps: ServiceDeps, input: { accountId: Id; keywordId: Id }): Promise<Result<void>> {
  const existing = await findOwnFilterKeyword(deps.db, input.accountId, input.keywordId);
  if (!existing) return notFound();
  await writeTransaction(deps, (tx) => deleteFilterKeywords(tx, [existing.id]));
  return ok(undefined);
}

/** Adds a status the account may see to one of its filters. */
export async function addFilterStatus(deps: ServiceDeps, input: { accountId: Id; filterId: Id; statusId: Id }): Promise<Result<FilterStatusRow>> {
  const filter = await findOwnFilter(deps.db, input.accountId, input.filterId);
  if (!filter) return notFound();
  const status = await findStatusById(deps.db, input.statusId);
  if (!status || !(await mayViewStatus(deps.db, status, input.accountId))) return notFound();
  if (await findFilterStatusByStatus(deps.db, filter.id, status.id)) return fail("validation", "Validation failed: Status has already been taken");
  const row: FilterStatusRow = { id: deps.ids.next(), filter_id: filter.id, status_id: status.id, created_at: Date.now() };
  await writeTransaction(deps, (tx) => insertFilterStatus(tx, row));
  return ok(row);
}

/** Removes a status from its filter. */
export async function removeFilterStatus(deps: ServiceDeps, input: { accountId: Id; id: Id }): Promise<Result<FilterStatusRow>> {
  const existing = await findOwnFilterStatus(deps.db, input.accountId, input.id);
  if (!existing) return notFound();
  await writeTransaction(deps, (tx) => deleteFilterStatus(tx, existing.id));
  return ok(existing);
}
