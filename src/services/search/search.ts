// Search (Mastodon's SearchService): accounts by name or handle, hashtags by
// prefix, statuses by full text among those the viewer may see; with
// `resolve`, a remote handle or URL is looked up over federation, which the
// caller supplies (services do not speak ActivityPub).
import { findAccountByAcct, searchAccounts } from "../../../db/queries/account-search.ts";
import type { AccountRow } from "../../../db/queries/accounts.ts";
import { searchStatuses, searchTags } from "../../../db/queries/status-search.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import type { TagRow } from "../../../db/queries/tag-follows.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { ServiceDeps } from "../context.ts";
import { isUnavailable } from "../../domain/account-state.ts";
import { mayViewStatus } from "../visibility/may-view-status.ts";

export type SearchType = "accounts" | "statuses" | "hashtags";

export interface SearchQuery {
  q: string;
  /** Only one kind of result; all kinds when null. */
  type: SearchType | null;
  /** null for an anonymous search: no statuses, nothing resolved (Mastodon's behaviour). */
  viewerId: Id | null;
  resolve: boolean;
  following: boolean;
  accountId: Id | null;
  maxId: Id | null;
  minId: Id | null;
  limit: number;
  offset: number;
}

/** A URL looked up: the account or status it stands for. */
export type ResolvedUrl = { kind: "account"; account: AccountRow } | { kind: "status"; status: StatusRow };

/** Remote lookups federation provides. */
export interface SearchResolvers {
  handle(handle: string): Promise<AccountRow | null>;
  url(url: URL): Promise<ResolvedUrl | null>;
}

export interface SearchResults {
  accounts: AccountRow[];
  statuses: StatusRow[];
  hashtags: TagRow[];
}

const HANDLE = /^@?([^@\s]+)@([^@\s/]+)$/;

const wants = (query: SearchQuery, type: SearchType) => query.type === null || query.type === type;

/** A URL query with resolve: the one account or status it stands for, if the viewer may see it. */
async function searchUrl(deps: ServiceDeps, query: SearchQuery, resolvers: SearchResolvers): Promise<SearchResults> {
  const empty: SearchResults = { accounts: [], statuses: [], hashtags: [] };
  if (query.offset > 0) return empty;
  const found = await resolvers.url(new URL(query.q));
  if (found?.kind === "account" && wants(query, "accounts") && !isUnavailable(found.account)) return { ...empty, accounts: [found.account] };
  if (found?.kind === "status" && wants(query, "statuses") && (await mayViewStatus(deps.db, found.status, query.viewerId))) {
    return { ...empty, statuses: [found.status] };
  }
  return empty;
}

async function findAccounts(deps: ServiceDeps, query: SearchQuery, resolvers: SearchResolvers): Promise<AccountRow[]> {
  const handle = HANDLE.exec(query.q);
  const localHost = deps.uris.host.toLowerCase();
  const domain = handle && handle[2]!.toLowerCase() !== localHost ? handle[2]!.toLowerCase() : null;
  const username = handle ? handle[1]! : query.q.replace(/^@/, "");
  if (!username) return [];
  // An unknown remote handle is looked up over WebFinger (Mastodon's ResolveAccountService).
  const known = domain ? await findAccountByAcct(deps.db, username, domain) : undefined;
  const resolved = query.resolve && query.viewerId && domain && !known && query.offset === 0 ? await resolvers.handle(`${username}@${domain}`) : null;
  const found = await searchAccounts(deps.db, {
    term: domain ? `${username}@${domain}` : username,
    viewerId: query.viewerId,
    following: query.following,
    limit: query.limit,
    offset: query.offset,
  });
  return resolved && !found.some((a) => a.id === resolved.id) ? [resolved, ...found].slice(0, query.limit) : found;
}

/** Runs a search; each kind of result is limited and offset alike. */
export async function search(deps: ServiceDeps, query: SearchQuery, resolvers: SearchResolvers): Promise<SearchResults> {
  const q = query.q.trim();
  const normalized = { ...query, q };
  if (query.resolve && query.viewerId && /^https?:\/\//i.test(q) && URL.canParse(q)) return searchUrl(deps, normalized, resolvers);
  const isTag = q.startsWith("#");
  const hasAt = q.includes("@");
  const oneWord = !q.includes(" ");
  // Mastodon's SearchService: which kinds a query can match.
  const [accounts, statuses, hashtags] = await Promise.all([
    wants(query, "accounts") && !isTag && !(hasAt && !oneWord) ? findAccounts(deps, normalized, resolvers) : [],
    wants(query, "statuses") && query.viewerId && !((isTag || hasAt) && oneWord)
      ? searchStatuses(deps.db, {
        text: q,
        viewerId: query.viewerId,
        accountId: query.accountId,
        following: query.following,
        maxId: query.maxId,
        minId: query.minId,
        limit: query.limit,
        offset: query.offset,
      })
      : [],
    wants(query, "hashtags") && !hasAt && q.replace(/^#/, "") ? searchTags(deps.db, q.replace(/^#/, "").toLowerCase(), query.limit, query.offset) : [],
  ]);
  return { accounts, statuses, hashtags };
}
