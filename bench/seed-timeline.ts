// Seeds the timeline benchmark's database straight into the tables (bench
// set-up, not a Parley path): accounts, statuses with their mentions, tags and
// media (seed-timeline-rows.ts), readers who each follow 500 accounts, their
// blocks, mutes, lists, followed tags and filters, then the readers' home
// timelines computed in SQL by the fan-out's rules (seed-home.ts).
import type { Insertable } from "kysely";
import type { Db } from "../db/index.ts";
import { hashSecret } from "../db/queries/oauth-tokens.ts";
import type { Database } from "../db/schema/index.ts";
import { fillHomes, fillReaderActivity, fillAccountCounters } from "./seed-home.ts";
import { DAY_MS, idAt, makeAccounts, ORIGIN, random, type SeedAccount, StatusGenerator, tagNames } from "./seed-timeline-rows.ts";

export interface TimelineSeedSize {
  accounts: number;
  statuses: number;
  /** Local users whose home timelines are read. */
  readers: number;
  /** Accounts each reader follows. */
  follows: number;
  /** Distinct hashtags, used with a skewed (Zipf) frequency. */
  tags: number;
}

export interface TimelineSeed {
  size: TimelineSeedSize;
  readers: { id: string; username: string; token: string }[];
  counts: Record<string, number>;
  seededInSeconds: number;
}

// Bound parameters per INSERT: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMETERS = 30_000;
const BATCH = 5_000;
const BATCHES_PER_TRANSACTION = 10;

type Table = keyof Database & string;

/** Inserts rows in as few statements as the parameter limit allows. */
async function insertAll<T extends Table>(db: Db, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
  for (let start = 0; start < rows.length; start += per) {
    await db.insertInto(table).values(rows.slice(start, start + per) as never).execute();
  }
}

/** Ids for rows that are not statuses: distinct milliseconds after `base`. */
function serialIds(base: number): () => string {
  let n = 0;
  return () => {
    n++;
    return idAt(base + n, n);
  };
}

function pickDistinct(rand: () => number, from: readonly number[], count: number, exclude: ReadonlySet<number>): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, from.length - exclude.size)) {
    const candidate = from[Math.floor(rand() * from.length)]!;
    if (!exclude.has(candidate)) chosen.add(candidate);
  }
  return [...chosen];
}

/** Seeds an empty, migrated database; prints progress to stderr. */
export async function seedTimeline(db: Db, size: TimelineSeedSize): Promise<TimelineSeed> {
  const started = performance.now();
  const log = (message: string) => process.stderr.write(`  seed: ${message} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  const now = Date.now();
  const nextId = serialIds(now + DAY_MS);
  const rand = random(3);

  const { seeds, rows: accountRows } = makeAccounts(size.accounts, now);
  const applicationId = nextId();
  const readers = seeds.slice(0, size.readers).map((account, n) => ({ account, token: `bench-timeline-reader-${n}-token` }));
  await db.transaction().execute(async (tx) => {
    await insertAll(tx, "accounts", accountRows);
    await insertAll(tx, "users", readers.map(({ account }) => ({
      id: nextId(), account_id: account.id, email: `${account.username}@bench.invalid`, password_hash: "not a hash", role: "user" as const, created_at: now,
    })));
    await insertAll(tx, "oauth_applications", [{
      id: applicationId, name: "Bench client", website: "https://client.bench.invalid", redirect_uris: "urn:ietf:wg:oauth:2.0:oob",
      scopes: "read write follow push", client_id: "bench-timeline-client", client_secret_hash: hashSecret("bench"), owner_account_id: null, created_at: now,
    }]);
    await insertAll(tx, "oauth_access_tokens", readers.map(({ account, token }) => ({
      id: nextId(), token_hash: hashSecret(token), application_id: applicationId, account_id: account.id, scopes: "read write follow push",
      created_at: now, last_used_at: null, revoked_at: null,
    })));
  });
  const tags = tagNames(size.tags);
  const tagIds = tags.map(() => nextId());
  await insertAll(db, "tags", tags.map((t, i) => ({ id: tagIds[i]!, name: t.name, display_name: t.display, created_at: now - 100 * DAY_MS })));
  log(`${size.accounts} accounts, ${size.tags} tags`);

  const generator = new StatusGenerator(seeds, size.statuses, tags.map((t) => t.name), now, applicationId);
  const counts: Record<string, number> = { statuses: 0, mentions: 0, status_tags: 0, media_attachments: 0 };
  let reported = 0;
  while (!generator.done) {
    await db.transaction().execute(async (tx) => {
      for (let b = 0; b < BATCHES_PER_TRANSACTION && !generator.done; b++) {
        const batch = generator.batch(BATCH);
        const mentions = batch.flatMap((s) => s.mentions.map((m) => ({ status_id: s.row.id, account_id: seeds[m]!.id })));
        const statusTags = batch.flatMap((s) => s.tags.map((t) => ({ status_id: s.row.id, tag_id: tagIds[t]! })));
        const media = batch.flatMap((s) => s.media);
        await insertAll(tx, "statuses", batch.map((s) => s.row));
        await insertAll(tx, "mentions", mentions);
        await insertAll(tx, "status_tags", statusTags);
        await insertAll(tx, "media_attachments", media);
        counts.statuses! += batch.length;
        counts.mentions! += mentions.length;
        counts.status_tags! += statusTags.length;
        counts.media_attachments! += media.length;
      }
    });
    if (counts.statuses! - reported >= 100_000 || generator.done) {
      reported = counts.statuses!;
      log(`${counts.statuses} statuses`);
    }
  }

  // Favourites by everyone: unrelated rows the readers' lookups must skip.
  const favourites = new Map<string, Insertable<Database["favourites"]>>();
  for (let n = 0; n < size.statuses * 0.3; n++) {
    const status = Math.floor(rand() * generator.ids.length);
    const account = seeds[Math.floor(rand() * seeds.length)]!;
    const key = `${account.id}:${generator.ids[status]}`;
    favourites.set(key, { id: nextId(), account_id: account.id, status_id: generator.ids[status]!, uri: `${account.uri}#likes/${n}`, created_at: now });
  }
  const favouriteRows = [...favourites.values()];
  for (let start = 0; start < favouriteRows.length; start += 50_000) {
    await db.transaction().execute((tx) => insertAll(tx, "favourites", favouriteRows.slice(start, start + 50_000)));
  }
  counts.other_favourites = favouriteRows.length;
  log(`${favouriteRows.length} favourites by anyone`);

  await seedReaders(db, size, readers.map((r) => r.account), seeds, tagIds, nextId, now);
  const homes = await fillHomes(db, readers.map((r) => r.account.id));
  counts.home_timeline_entries = homes;
  log(`${homes} home timeline entries for ${readers.length} readers`);
  await fillReaderActivity(db, readers.map((r) => r.account.id), now);
  await fillAccountCounters(db);
  log("readers' favourites, bookmarks, votes and muted threads; account counters");
  return {
    size,
    readers: readers.map(({ account, token }) => ({ id: account.id, username: account.username, token })),
    counts,
    seededInSeconds: (performance.now() - started) / 1000,
  };
}

/** Each reader's follows (size.follows), blocks, mutes, a domain block, two lists (one exclusive), two followed tags and, for half of them, a filter. */
async function seedReaders(db: Db, size: TimelineSeedSize, readers: SeedAccount[], accounts: SeedAccount[], tagIds: string[], nextId: () => string, now: number): Promise<void> {
  const rand = random(4);
  const all = accounts.map((_, i) => i);
  const readerIndexes = new Set(readers.map((_, i) => i));
  await db.transaction().execute(async (tx) => {
    for (const [r, reader] of readers.entries()) {
      const followed = pickDistinct(rand, all, size.follows, new Set([r]));
      const follows = followed.map((t) => ({
        id: nextId(), account_id: reader.id, target_account_id: accounts[t]!.id, uri: `${ORIGIN}/follows/${reader.username}/${t}`,
        show_reblogs: rand() < 0.9 ? 1 : 0, notify: 0, created_at: now - 30 * DAY_MS,
      }));
      await insertAll(tx, "follows", follows);
      const notFollowed = new Set([...followed, ...readerIndexes]);
      const hidden = pickDistinct(rand, all, 30, notFollowed);
      await insertAll(tx, "blocks", hidden.slice(0, 10).map((t) => ({ id: nextId(), account_id: reader.id, target_account_id: accounts[t]!.id, uri: `${ORIGIN}/blocks/${t}`, created_at: now })));
      await insertAll(tx, "mutes", hidden.slice(10).map((t, i) => ({
        id: nextId(), account_id: reader.id, target_account_id: accounts[t]!.id, hide_notifications: 1, expires_at: i % 5 === 0 ? now + DAY_MS : null, created_at: now,
      })));
      const blockedDomain = accounts[hidden[0]!]!.domain;
      if (blockedDomain) await insertAll(tx, "account_domain_blocks", [{ id: nextId(), account_id: reader.id, domain: blockedDomain, created_at: now }]);
      for (const [l, exclusive] of [0, 1].entries()) {
        const listId = nextId();
        await insertAll(tx, "lists", [{ id: listId, account_id: reader.id, title: `List ${l}`, replies_policy: "list", exclusive, created_at: now, updated_at: now }]);
        const members = follows.slice(l * 20, l * 20 + (exclusive ? 10 : 20));
        await insertAll(tx, "list_accounts", members.map((f) => ({ list_id: listId, account_id: f.target_account_id, follow_id: f.id, created_at: now })));
      }
      await insertAll(tx, "tag_follows", [40 + r, 200 + r].map((t) => ({ id: nextId(), account_id: reader.id, tag_id: tagIds[t]!, created_at: now })));
      if (r % 2 === 0) {
        const filterId = nextId();
        await insertAll(tx, "filters", [{ id: filterId, account_id: reader.id, title: "Spoilers", context: JSON.stringify(["home", "public"]), action: "warn", expires_at: null, created_at: now, updated_at: now }]);
        await insertAll(tx, "filter_keywords", ["spoiler", "crypto"].map((keyword, k) => ({ id: nextId(), filter_id: filterId, keyword, whole_word: k, created_at: now, updated_at: now })));
      }
    }
  });
}
