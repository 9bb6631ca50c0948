// Search results as Mastodon's Search entity: accounts, statuses and
// hashtags, each already serialized for the viewer.
import type { AccountEntity } from "./account.ts";
import type { StatusEntity } from "./status.ts";
import type { TagEntity } from "./tag.ts";

export interface SearchEntity {
  accounts: AccountEntity[];
  statuses: StatusEntity[];
  hashtags: TagEntity[];
}

/** Assembles the Search entity. */
export function serializeSearch(accounts: AccountEntity[], statuses: StatusEntity[], hashtags: TagEntity[]): SearchEntity {
  return { accounts, statuses, hashtags };
}
