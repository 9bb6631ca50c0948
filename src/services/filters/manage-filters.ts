// Creating, changing and deleting content filters (Mastodon's filters API v2).
// A filter is private to its owner: another account's filter does not exist.
import {
  deleteFilter as deleteFilterRow,
  deleteFilterKeywords,
  type FilterKeywordRow,
  type FilterRow,
  findKeywordIdsOfFilter,
  findOwnFilter,
  insertFilter,
  insertFilterKeywords,
  updateFilter as updateFilterRow,
  updateFilterKeyword,
} from "../../../db/queries/filters.ts";
import type { Id } from "../../../db/schema/index.ts";
import { FILTER_ACTIONS, FILTER_CONTEXTS, type FilterAction, type FilterContext } from "../../domain/filters.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";

const MAX_TITLE = 256;
const MAX_KEYWORD = 512;
const MAX_KEYWORDS = 100;

/** A keyword change: without id a new keyword; with id a change, or a removal with destroy. */
export interface KeywordChange {
  id?: Id | undefined;
  keyword?: string | undefined;
  wholeWord?: boolean | undefined;
  destroy?: boolean | undefined;
}

export interface FilterSettings {
  title?: string | undefined;
  context?: readonly string[] | undefined;
  action?: string | undefined;
  /** Seconds from now; null for a filter that never expires. */
  expiresIn?: number | null | undefined;
}

const invalid = (message: string) => fail("validation", `Validation failed: ${message}`);

/** Checks the settings given; `required` for a new filter (title and context). */
export function checkFilterSettings(settings: FilterSettings, required: boolean): Result<void> {
  const problems: string[] = [];
  if (settings.title !== undefined || required) {
    if (!settings.title?.trim()) problems.push("Title can't be blank");
    else if ([...settings.title].length > MAX_TITLE) problems.push(`Title is too long (maximum is ${MAX_TITLE} characters)`);
  }
  if (settings.context !== undefined || required) {
    if (!settings.context?.length) problems.push("Context can't be blank");
    if (!settings.context?.length || settings.context.some((c) => !FILTER_CONTEXTS.includes(c as FilterContext))) {
      problems.push("Context None or invalid context supplied");
    }
  }
  if (settings.action !== undefined && !FILTER_ACTIONS.includes(settings.action as FilterAction)) problems.push("Filter action is not included in the list");
  if (settings.expiresIn != null && (!Number.isInteger(settings.expiresIn) || settings.expiresIn <= 0)) problems.push("Expires in must be greater than 0");
  return problems.length ? invalid(problems.join(", ")) : ok(undefined);
}

/** Checks a keyword's text. */
export function checkKeyword(keyword: string | undefined): Result<string> {
  const trimmed = keyword?.trim() ?? "";
  if (!trimmed) return invalid("Keyword can't be blank");
  if ([...trimmed].length > MAX_KEYWORD) return invalid(`Keyword is too long (maximum is ${MAX_KEYWORD} characters)`);
  return ok(trimmed);
}

function settingsChanges(settings: FilterSettings, now: number): Partial<FilterRow> {
  return {
    ...(settings.title !== undefined ? { title: settings.title.trim() } : {}),
    ...(settings.context !== undefined ? { context: JSON.stringify([...new Set(settings.context)]) } : {}),
    ...(settings.action !== undefined ? { action: settings.action as FilterAction } : {}),
    ...(settings.expiresIn !== undefined ? { expires_at: settings.expiresIn === null ? null : now + settings.expiresIn * 1000 } : {}),
  };
}

/** A new keyword row for a filter. */
export function newKeywordRow(deps: ServiceDeps, filterId: Id, keyword: string, wholeWord: boolean | undefined, now: number): FilterKeywordRow {
  // Mastodon's column default: whole words unless told otherwise.
  return { id: deps.ids.next(), filter_id: filterId, keyword, whole_word: wholeWord === false ? 0 : 1, created_at: now, updated_at: now };
}

/** Creates a filter with its keywords. */
export async function createFilter(deps: ServiceDeps, input: FilterSettings & { accountId: Id; keywords?: readonly KeywordChange[] }): Promise<Result<FilterRow>> {
  const checked = checkFilterSettings(input, true);
  if (!checked.ok) return checked;
  const changes = input.keywords ?? [];
  // Mastodon answers 404 to a keyword id in a new filter: no such keyword there.
  if (changes.some((k) => k.id !== undefined)) return fail("not-found", "Record not found");
  const additions = changes.filter((k) => !k.destroy);
  if (additions.length > MAX_KEYWORDS) return invalid(`Keywords are too many (maximum is ${MAX_KEYWORDS})`);
  const keywords: string[] = [];
  for (const k of additions) {
    const keyword = checkKeyword(k.keyword);
    if (!keyword.ok) return keyword;
    keywords.push(keyword.value);
  }
  const now = Date.now();
  const row: FilterRow = {
    id: deps.ids.next(),
    account_id: input.accountId,
    title: "",
    context: "[]",
    action: "warn",
    expires_at: null,
    created_at: now,
    updated_at: now,
    ...settingsChanges(input, now),
  };
  await writeTransaction(deps, async (tx) => {
    await insertFilter(tx, row);
    await insertFilterKeywords(tx, additions.map((k, i) => newKeywordRow(deps, row.id, keywords[i]!, k.wholeWord, now)));
  });
  return ok(row);
}

/** Changes a filter's settings and keywords (added, changed or removed by id) in one transaction. */
export async function updateFilter(
  deps: ServiceDeps,
  input: FilterSettings & { accountId: Id; filterId: Id; keywords?: readonly KeywordChange[] },
): Promise<Result<FilterRow>> {
  const filter = await findOwnFilter(deps.db, input.accountId, input.filterId);
  if (!filter) return fail("not-found", "Record not found");
  const checked = checkFilterSettings(input, false);
  if (!checked.ok) return checked;
  const changes = input.keywords ?? [];
  const existingIds = changes.flatMap((k) => (k.id === undefined ? [] : [k.id]));
  if (existingIds.length) {
    const owned = await findKeywordIdsOfFilter(deps.db, filter.id, existingIds);
    if (owned.length !== new Set(existingIds).size) return fail("not-found", "Record not found");
  }
  const kept = changes.filter((k) => !k.destroy);
  const texts: (string | undefined)[] = [];
  for (const k of kept) {
    if (k.id !== undefined && k.keyword === undefined) {
      texts.push(undefined);
      continue;
    }
    const keyword = checkKeyword(k.keyword);
    if (!keyword.ok) return keyword;
    texts.push(keyword.value);
  }
  const now = Date.now();
  const updated: FilterRow = { ...filter, ...settingsChanges(input, now), updated_at: now };
  await writeTransaction(deps, async (tx) => {
    await updateFilterRow(tx, filter.id, updated);
    await deleteFilterKeywords(tx, changes.flatMap((k) => (k.destroy && k.id !== undefined ? [k.id] : [])));
    const added = [];
    for (const [i, k] of kept.entries()) {
      if (k.id === undefined) {
        added.push(newKeywordRow(deps, filter.id, texts[i]!, k.wholeWord, now));
        continue;
      }
      await updateFilterKeyword(tx, k.id, {
        ...(texts[i] !== undefined ? { keyword: texts[i] } : {}),
        ...(k.wholeWord !== undefined ? { whole_word: k.wholeWord ? 1 : 0 } : {}),
        updated_at: now,
      });
    }
    await insertFilterKeywords(tx, added);
  });
  return ok(updated);
}

/** Deletes a filter with its keywords and statuses. */
export async function deleteFilter(deps: ServiceDeps, input: { accountId: Id; filterId: Id }): Promise<Result<void>> {
  const filter = await findOwnFilter(deps.db, input.accountId, input.filterId);
  if (!filter) return fail("not-found", "Record not found");
  await writeTransaction(deps, (tx) => deleteFilterRow(tx, filter.id));
  return ok(undefined);
}
