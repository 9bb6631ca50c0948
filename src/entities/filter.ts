// Filters as Mastodon's Filter, FilterKeyword, FilterStatus and FilterResult
// entities. Inside a FilterResult the filter comes without its keywords and
// statuses (Mastodon omits them there).
import type { FilterDetails, FilterKeywordRow, FilterRow, FilterStatusRow } from "../../db/queries/filters.ts";
import type { StatusPage } from "../../db/queries/status-page.ts";
import type { StatusRow } from "../../db/queries/statuses.ts";
import type { PollData } from "../../db/schema/index.ts";
import { type ActiveFilter, type FilterMatch, matchFilters } from "../domain/filters.ts";
import { htmlToPlainText } from "../domain/sanitize-html.ts";
import { isoTime } from "./context.ts";

export interface FilterKeywordEntity {
  id: string;
  keyword: string;
  whole_word: boolean;
}

export interface FilterStatusEntity {
  id: string;
  status_id: string;
}

export interface FilterEntity {
  id: string;
  title: string;
  context: string[];
  filter_action: string;
  expires_at: string | null;
  keywords?: FilterKeywordEntity[];
  statuses?: FilterStatusEntity[];
}

export interface FilterResultEntity {
  filter: FilterEntity;
  keyword_matches: string[] | null;
  status_matches: string[] | null;
}

/** Serializes a keyword. */
export function serializeFilterKeyword(row: FilterKeywordRow): FilterKeywordEntity {
  return { id: row.id, keyword: row.keyword, whole_word: row.whole_word === 1 };
}

/** Serializes a filtered status entry. */
export function serializeFilterStatus(row: FilterStatusRow): FilterStatusEntity {
  return { id: row.id, status_id: row.status_id };
}

/** Serializes a filter with its keywords and statuses. */
export function serializeFilter(row: FilterRow, details: FilterDetails): FilterEntity {
  return {
    id: row.id,
    title: row.title,
    context: JSON.parse(row.context) as string[],
    filter_action: row.action,
    expires_at: row.expires_at === null ? null : isoTime(row.expires_at),
    keywords: (details.keywords.get(row.id) ?? []).map(serializeFilterKeyword),
    statuses: (details.statuses.get(row.id) ?? []).map(serializeFilterStatus),
  };
}

function serializeMatchedFilter(filter: ActiveFilter): FilterEntity {
  return {
    id: filter.id,
    title: filter.title,
    context: filter.context,
    filter_action: filter.action,
    expires_at: filter.expiresAt === null ? null : isoTime(filter.expiresAt),
  };
}

/** Serializes what a status matched (a Status's `filtered` items). */
export function serializeFilterResult(match: FilterMatch): FilterResultEntity {
  return { filter: serializeMatchedFilter(match.filter), keyword_matches: match.keywordMatches, status_matches: match.statusMatches };
}

// What keywords are matched against (Mastodon's Status#searchable_text): the
// content warning, title and text, poll options and media descriptions.
function searchableText(page: StatusPage, status: StatusRow): string {
  const poll = JSON.parse(status.poll) as PollData | null;
  return [
    status.spoiler_text,
    status.name ?? "",
    htmlToPlainText(status.content),
    ...(poll?.options.map((o) => o.title) ?? []),
    ...(page.media.get(status.id) ?? []).map((m) => m.description ?? ""),
  ].filter(Boolean).join("\n\n");
}

/**
 * The viewer's filters a status of the page matches. None for the viewer's
 * own statuses, and none on a reblog itself: its original carries them.
 */
export function statusFilterMatches(page: StatusPage, status: StatusRow): FilterMatch[] {
  if (page.filters.length === 0 || status.reblog_of_id !== null || status.account_id === page.viewerId) return [];
  return matchFilters(page.filters, status.id, searchableText(page, status));
}
