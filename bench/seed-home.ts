// The timeline benchmark's home timelines, computed in SQL with the rules of
// src/services/statuses/fan-out.ts: a reader gets their own statuses, posts of
// accounts they follow (direct ones only when mentioned, replies to others only
// when they follow both or are the one replied to), boosts of accounts whose
// boosts they show (not boosts of their own posts), and public posts with a
// tag they follow; never anything by or boosting an account they hide.
import { sql } from "kysely";
import type { Db } from "../db/index.ts";
import { hiddenAccountIds } from "../db/queries/hidden-accounts.ts";
import { clearAuthorsFromHome } from "../db/queries/home-cleanup.ts";

/** Fills home_timeline_entries for the readers; returns the number of entries. */
export async function fillHomes(db: Db, readerIds: readonly string[]): Promise<number> {
  for (const reader of readerIds) {
    await db.transaction().execute(async (tx) => {
      await sql`
        insert into home_timeline_entries (account_id, status_id)
        select cast(${reader} as bigint), s.id from statuses s where s.account_id = ${reader}
        union
        select f.account_id, s.id
          from follows f
          join statuses s on s.account_id = f.target_account_id
          left join statuses o on o.id = s.reblog_of_id
          where f.account_id = ${reader} and (
            (s.reblog_of_id is not null and f.show_reblogs = 1 and o.account_id <> f.account_id)
            or (s.reblog_of_id is null and s.visibility = 'direct'
              and exists (select 1 from mentions m where m.status_id = s.id and m.account_id = f.account_id))
            or (s.reblog_of_id is null and s.visibility <> 'direct' and (
              s.in_reply_to_account_id is null or s.in_reply_to_account_id = s.account_id or s.in_reply_to_account_id = f.account_id
              or exists (select 1 from follows p where p.account_id = f.account_id and p.target_account_id = s.in_reply_to_account_id)))
          )
        union
        select tf.account_id, s.id
          from tag_follows tf
          join status_tags st on st.tag_id = tf.tag_id
          join statuses s on s.id = st.status_id
          where tf.account_id = ${reader} and s.visibility = 'public' and s.reblog_of_id is null
      `.execute(tx);
      // What the fan-out never delivers: statuses by, or boosting, an account the reader hides.
      await clearAuthorsFromHome(tx, reader, hiddenAccountIds(tx, reader));
    });
  }
  const row = await db.selectFrom("home_timeline_entries").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What readers did in their home timelines: favourited one status in 50,
 * bookmarked one in 97, voted in a third of the polls, muted 20 threads.
 * Ids are the status id plus the reader's number (status ids are far apart).
 */
export async function fillReaderActivity(db: Db, readerIds: readonly string[], now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const [n, reader] of readerIds.entries()) {
      const offset = n + 1;
      await sql`insert into favourites (id, account_id, status_id, uri, created_at)
        select h.status_id + cast(${offset} as bigint), h.account_id, h.status_id, cast(${"https://parley.bench/favourites/"} as text) || cast(h.status_id as text), cast(${now} as bigint)
        from home_timeline_entries h where h.account_id = ${reader} and h.status_id % 50 = 7
        and not exists (select 1 from favourites f where f.account_id = h.account_id and f.status_id = h.status_id)`.execute(tx);
      await sql`insert into bookmarks (id, account_id, status_id, created_at)
        select h.status_id + cast(${offset} as bigint), h.account_id, h.status_id, cast(${now} as bigint)
        from home_timeline_entries h where h.account_id = ${reader} and h.status_id % 97 = 3`.execute(tx);
      await sql`insert into poll_votes (id, status_id, account_id, choice, uri, created_at)
        select h.status_id + cast(${offset} as bigint), h.status_id, h.account_id, 0, null, cast(${now} as bigint)
        from home_timeline_entries h join statuses s on s.id = h.status_id
        where h.account_id = ${reader} and s.poll <> 'null' and h.status_id % 3 = 0`.execute(tx);
      await sql`insert into conversation_mutes (account_id, thread_id, created_at)
        select distinct h.account_id, s.thread_id, cast(${now} as bigint)
        from home_timeline_entries h join statuses s on s.id = h.status_id
        where h.account_id = ${reader} and s.thread_id is not null and s.thread_id % 199 = 5`.execute(tx);
    }
  });
}

/** statuses_count and last_status_at of every account, from its statuses. */
export async function fillAccountCounters(db: Db): Promise<void> {
  await sql`update accounts set
    statuses_count = (select count(*) from statuses s where s.account_id = accounts.id),
    last_status_at = (select max(s.created_at) from statuses s where s.account_id = accounts.id)`.execute(db);
}
