// Seeds the fanout benchmark's database directly (bench setup, not a Parley
// path): `followers` remote accounts, ten per fake instance, each sharing
// its instance's shared inbox, all following one local account.
import type { Db } from "../db/index.ts";
import { adjustAccountCounter, type NewAccount } from "../db/queries/accounts.ts";
import type { FollowRow } from "../db/queries/follows.ts";
import type { Id } from "../db/schema/index.ts";
import { createIdGenerator } from "../src/domain/ids.ts";

export const FOLLOWERS_PER_INSTANCE = 10;
// Rows per INSERT: well under SQLite's limit on bound parameters.
const CHUNK = 200;

/** The fake instance names, i0001.fanout.test and on. */
export function instanceHosts(instances: number): string[] {
  return Array.from({ length: instances }, (_, i) => `i${String(i + 1).padStart(4, "0")}.fanout.test`);
}

function remoteAccount(id: Id, origin: string, username: string, now: number): NewAccount {
  const uri = `${origin}/users/${username}`;
  return {
    id,
    username,
    domain: new URL(origin).host,
    display_name: username,
    note: "",
    avatar_url: null,
    header_url: null,
    fields: "[]",
    emojis: "[]",
    locked: 0,
    bot: 0,
    discoverable: 0,
    actor_type: "Person",
    uri,
    url: `${origin}/@${username}`,
    inbox_url: `${uri}/inbox`,
    shared_inbox_url: `${origin}/inbox`,
    outbox_url: `${uri}/outbox`,
    followers_url: `${uri}/followers`,
    following_url: `${uri}/following`,
    featured_url: null,
    public_keys: "[]",
    also_known_as: "[]",
    moved_to_account_id: null,
    followers_count: 0,
    following_count: 1,
    statuses_count: 0,
    last_status_at: null,
    created_at: now,
    updated_at: now,
    fetched_at: now,
    deleted_at: null,
  };
}

async function insertChunked<T>(db: Db, rows: readonly T[], insert: (db: Db, chunk: T[]) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (let start = 0; start < rows.length; start += CHUNK) await insert(tx, rows.slice(start, start + CHUNK));
  });
}

/** Inserts the remote followers of `targetId`, spread over `hosts` (https, on `port`). */
export async function seedFollowers(db: Db, targetId: Id, hosts: readonly string[], port: number): Promise<void> {
  const ids = createIdGenerator();
  const now = Date.now();
  const accounts: NewAccount[] = [];
  const follows: FollowRow[] = [];
  for (const host of hosts) {
    for (let n = 1; n <= FOLLOWERS_PER_INSTANCE; n++) {
      const account = remoteAccount(ids.next(), `https://${host}:${port}`, `f${String(n).padStart(2, "0")}`, now);
      accounts.push(account);
      follows.push({
        id: ids.next(),
        account_id: account.id,
        target_account_id: targetId,
        uri: `${account.uri}#follows/${n}`,
        show_reblogs: 1,
        notify: 0,
        created_at: now,
      });
    }
  }
  await insertChunked(db, accounts, (tx, chunk) => tx.insertInto("accounts").values(chunk).execute());
  await insertChunked(db, follows, (tx, chunk) => tx.insertInto("follows").values(chunk).execute());
  await adjustAccountCounter(db, targetId, "followers_count", follows.length);
}
