// Everything needed to show one status beyond its row: author, mentioned
// accounts, hashtags, media and the parent's URI. A fixed number of queries.
// Federation is its only reader: a status held for review is not there for it.
import type { AccountRow } from "./accounts.ts";
import type { Executor } from "./executor.ts";
import type { MediaRow, StatusRow } from "./statuses.ts";

export interface StatusParts {
  status: StatusRow;
  author: AccountRow;
  mentions: Pick<AccountRow, "id" | "uri" | "username" | "domain" | "url" | "inbox_url" | "shared_inbox_url" | "suspended_at">[];
  tags: string[];
  media: MediaRow[];
}

/** Loads a status with its parts for other instances to see; undefined when the status is gone or held for review. */
export async function loadStatusParts(db: Executor, status: StatusRow): Promise<StatusParts | undefined> {
  const [author, mentions, tags, media] = await Promise.all([
    db.selectFrom("accounts").selectAll().where("id", "=", status.account_id).executeTakeFirst(),
    db
      .selectFrom("mentions")
      .innerJoin("accounts", "accounts.id", "mentions.account_id")
      .select(["accounts.id", "accounts.uri", "accounts.username", "accounts.domain", "accounts.url", "accounts.inbox_url", "accounts.shared_inbox_url", "accounts.suspended_at"])
      .where("mentions.status_id", "=", status.id)
      .execute(),
    db
      .selectFrom("status_tags")
      .innerJoin("tags", "tags.id", "status_tags.tag_id")
      .select("tags.display_name")
      .where("status_tags.status_id", "=", status.id)
      .execute(),
    db.selectFrom("media_attachments").selectAll().where("status_id", "=", status.id).orderBy("position").execute(),
  ]);
  if (!author || status.held_at !== null) return undefined;
  return { status, author, mentions, tags: tags.map((t) => t.display_name), media };
}
