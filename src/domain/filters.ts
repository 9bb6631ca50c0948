// Content filters as rules: which of a user's filters a status matches, and
// whether a match hides it in a context. Keywords match as Mastodon's
// CustomFilter does: case-insensitive, and with word boundaries only on the
// sides of a whole-word keyword that begin or end with a word character.
import type { FilterAction, FilterContext } from "../../db/schema/instance.ts";
import type { Id } from "../../db/schema/index.ts";

export type { FilterAction, FilterContext };

export const FILTER_CONTEXTS: readonly FilterContext[] = ["home", "notifications", "public", "thread", "account"];
export const FILTER_ACTIONS: readonly FilterAction[] = ["warn", "hide", "blur"];

/** A filter as it applies: its settings, keywords and filtered status ids. */
export interface ActiveFilter {
  id: Id;
  title: string;
  context: FilterContext[];
  action: FilterAction;
  expiresAt: number | null;
  keywords: { keyword: string; wholeWord: boolean }[];
  statusIds: Id[];
}

/** A filter with its keywords compiled once per page. */
export interface CompiledFilter {
  filter: ActiveFilter;
  keywords: { keyword: string; pattern: RegExp }[];
}

/** What a status matched in one filter (Mastodon's FilterResult). */
export interface FilterMatch {
  filter: ActiveFilter;
  keywordMatches: string[] | null;
  statusMatches: Id[] | null;
}

const WORD = /[\p{L}\p{N}_]/u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The pattern of one keyword (Unicode-aware word boundaries for whole words). */
export function keywordPattern(keyword: string, wholeWord: boolean): RegExp {
  const escaped = escapeRegExp(keyword);
  if (!wholeWord) return new RegExp(escaped, "iu");
  const start = WORD.test(keyword.at(0) ?? "") ? "(?<![\\p{L}\\p{N}_])" : "";
  const end = WORD.test(keyword.at(-1) ?? "") ? "(?![\\p{L}\\p{N}_])" : "";
  return new RegExp(`${start}${escaped}${end}`, "iu");
}

/** Compiles a viewer's filters for matching many statuses. */
export function compileFilters(filters: readonly ActiveFilter[]): CompiledFilter[] {
  return filters.map((filter) => ({
    filter,
    keywords: filter.keywords.map((k) => ({ keyword: k.keyword, pattern: keywordPattern(k.keyword, k.wholeWord) })),
  }));
}

/** The filters a status matches, by keyword in its searchable text or by id. */
export function matchFilters(filters: readonly CompiledFilter[], statusId: Id, text: string): FilterMatch[] {
  return filters.flatMap(({ filter, keywords }) => {
    const keywordMatches = keywords.filter((k) => k.pattern.test(text)).map((k) => k.keyword);
    const statusMatches = filter.statusIds.includes(statusId) ? [statusId] : [];
    if (keywordMatches.length === 0 && statusMatches.length === 0) return [];
    return [{ filter, keywordMatches: keywordMatches.length ? keywordMatches : null, statusMatches: statusMatches.length ? statusMatches : null }];
  });
}

/** Whether a "hide" filter among the matches applies in the context: then the status is left out. */
export function hiddenIn(matches: readonly FilterMatch[], context: FilterContext): boolean {
  return matches.some((m) => m.filter.action === "hide" && m.filter.context.includes(context));
}
