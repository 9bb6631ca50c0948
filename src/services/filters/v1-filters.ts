// Filters API v1 mapped onto v2, as Mastodon 4 does: a v1 filter is one
// keyword of a v2 filter (its id is the keyword's id); creating one makes a
// filter titled with the phrase, holding that one keyword; "irreversible"
// means the "hide" action.
import { countFilterKeywords, type FilterKeywordRow, type FilterRow, findOwnFilter, findOwnFilterKeyword, loadFilterDetails, updateFilter as updateFilterRow, updateFilterKeyword } from "../../../db/queries/filters.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { checkFilterSettings, checkKeyword, createFilter } from "./manage-filters.ts";

export interface V1FilterInput {
  accountId: Id;
  phrase: string | undefined;
  context: readonly string[] | undefined;
  irreversible?: boolean | undefined;
  wholeWord?: boolean | undefined;
  /** Seconds from now; null never expires; undefined leaves an existing filter's expiry. */
  expiresIn?: number | null | undefined;
}

/** A v1 filter: one keyword and the filter holding it. */
export interface V1Filter {
  keyword: FilterKeywordRow;
  filter: FilterRow;
}

const phraseProblem = (phrase: string | undefined) => (phrase?.trim() ? null : fail("validation", "Validation failed: Phrase can't be blank"));

/** Creates a filter with one keyword from a v1 request. */
export async function createV1Filter(deps: ServiceDeps, input: V1FilterInput): Promise<Result<V1Filter>> {
  const blank = phraseProblem(input.phrase);
  if (blank) return blank;
  const created = await createFilter(deps, {
    accountId: input.accountId,
    title: input.phrase,
    context: input.context,
    action: input.irreversible ? "hide" : "warn",
    // v1 defaults whole_word to false (Mastodon docs, methods/filters#create-v1).
    keywords: [{ keyword: input.phrase, wholeWord: input.wholeWord ?? false }],
    ...(input.expiresIn !== undefined ? { expiresIn: input.expiresIn } : {}),
  });
  if (!created.ok) return created;
  const [keyword] = (await loadFilterDetails(deps.db, [created.value.id])).keywords.get(created.value.id) ?? [];
  return ok({ keyword: keyword!, filter: created.value });
}

/**
 * Changes the keyword, and the filter's context, action and expiry. Like
 * Mastodon, refuses to change a filter shared by several keywords.
 */
export async function updateV1Filter(deps: ServiceDeps, input: V1FilterInput & { keywordId: Id }): Promise<Result<V1Filter>> {
  const keyword = await findOwnFilterKeyword(deps.db, input.accountId, input.keywordId);
  const filter = keyword && (await findOwnFilter(deps.db, input.accountId, keyword.filter_id));
  if (!keyword || !filter) return fail("not-found", "Record not found");
  const blank = phraseProblem(input.phrase);
  if (blank) return blank;
  const phrase = checkKeyword(input.phrase);
  if (!phrase.ok) return phrase;
  const settings = { context: input.context, ...(input.expiresIn !== undefined ? { expiresIn: input.expiresIn } : {}) };
  const checked = checkFilterSettings(settings, false);
  if (!checked.ok) return checked;
  const now = Date.now();
  const filterChanges = {
    ...(input.context !== undefined ? { context: JSON.stringify([...new Set(input.context)]) } : {}),
    ...(input.irreversible !== undefined ? { action: input.irreversible ? "hide" as const : filter.action === "hide" ? "warn" as const : filter.action } : {}),
    ...(input.expiresIn !== undefined ? { expires_at: input.expiresIn === null ? null : now + input.expiresIn * 1000 } : {}),
  };
  const changed = Object.entries(filterChanges).some(([key, value]) => filter[key as keyof FilterRow] !== value);
  if (changed && (await countFilterKeywords(deps.db, filter.id)) > 1) {
    return fail("validation", "Validation failed: This filter has several keywords and can only be changed with the filters API v2");
  }
  const keywordChanges = {
    keyword: phrase.value,
    whole_word: input.wholeWord === undefined ? keyword.whole_word : input.wholeWord ? 1 : 0,
    updated_at: now,
  };
  await writeTransaction(deps, async (tx) => {
    await updateFilterKeyword(tx, keyword.id, keywordChanges);
    if (changed) await updateFilterRow(tx, filter.id, { ...filterChanges, updated_at: now });
  });
  return ok({ keyword: { ...keyword, ...keywordChanges }, filter: { ...filter, ...filterChanges, ...(changed ? { updated_at: now } : {}) } });
}
