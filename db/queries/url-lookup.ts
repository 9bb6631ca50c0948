// Finding a known status or account by a URL someone pasted into search: its
// ActivityPub id or its web address.
import type { AccountRow } from "./accounts.ts";
import type { Executor } from "./executor.ts";
import type { StatusRow } from "./statuses.ts";

/** A status whose URI or URL is `url`; reblogs are not addressable. */
export function findStatusByUriOrUrl(db: Executor, url: string): Promise<StatusRow | undefined> {
  return db
    .selectFrom("statuses")
    .selectAll()
    .where((eb) => eb.or([eb("uri", "=", url), eb("url", "=", url)]))
    .where("reblog_of_id", "is", null)
    .executeTakeFirst();
}

/** A live account whose URI or URL is `url`. */
export function findAccountByUriOrUrl(db: Executor, url: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom("accounts")
    .selectAll()
    .where((eb) => eb.or([eb("uri", "=", url), eb("url", "=", url)]))
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}
