// A v1 filter (Mastodon's V1::Filter): one keyword of a v2 filter, with the
// filter's context and expiry; "irreversible" is the "hide" action.
import type { FilterKeywordRow, FilterRow } from "../../db/queries/filters.ts";
import { isoTime } from "./context.ts";

export interface V1FilterEntity {
  id: string;
  phrase: string;
  context: string[];
  whole_word: boolean;
  expires_at: string | null;
  irreversible: boolean;
}

/** Serializes one keyword of a filter as a v1 filter. */
export function serializeV1Filter(keyword: FilterKeywordRow, filter: FilterRow): V1FilterEntity {
  return {
    id: keyword.id,
    phrase: keyword.keyword,
    context: JSON.parse(filter.context) as string[],
    whole_word: keyword.whole_word === 1,
    expires_at: filter.expires_at === null ? null : isoTime(filter.expires_at),
    irreversible: filter.action === "hide",
  };
}
