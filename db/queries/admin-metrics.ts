// Figures for the admin dashboard (Mastodon's measures and dimensions): the
// times of reports, sign-ups, and what statuses, servers and storage amount to.
import { sql } from "kysely";
import type { Millis } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export interface Span {
  from: Millis;
  /** Exclusive. */
  to: Millis;
}

/** Filing and resolution times of the reports filed or resolved within the span. */
export function findReportTimes(db: Executor, span: Span): Promise<{ created_at: Millis; action_taken_at: Millis | null }[]> {
  return db
    .selectFrom("reports")
    .select(["created_at", "action_taken_at"])
    .where((eb) => eb.or([
      eb.and([eb("created_at", ">=", span.from), eb("created_at", "<", span.to)]),
      eb.and([eb("action_taken_at", ">=", span.from), eb("action_taken_at", "<", span.to)]),
    ]))
    .execute();
}

/** Sign-up times of local users within the span. */
export async function findSignUpTimes(db: Executor, span: Span): Promise<Millis[]> {
  const rows = await db.selectFrom("users").select("created_at").where("created_at", ">=", span.from).where("created_at", "<", span.to).execute();
  return rows.map((r) => Number(r.created_at));
}

export interface Count {
  key: string | null;
  count: number;
}

const counted = (rows: { key: string | null; count: unknown }[]): Count[] => rows.map((r) => ({ key: r.key, count: Number(r.count) }));

/** Languages of local statuses posted within the span, most used first. */
export async function countLocalLanguages(db: Executor, span: Span, limit: number): Promise<Count[]> {
  return counted(await db.selectFrom("statuses").select(["language as key", (eb) => eb.fn.countAll().as("count")])
    .where("local", "=", 1).where("created_at", ">=", span.from).where("created_at", "<", span.to)
    .groupBy("language").orderBy("count", "desc").limit(limit).execute());
}

/** Remote servers by the statuses they sent within the span, busiest first. */
export async function countActiveServers(db: Executor, span: Span, limit: number): Promise<Count[]> {
  return counted(await db.selectFrom("statuses as s").innerJoin("accounts as a", "a.id", "s.account_id")
    .select(["a.domain as key", (eb) => eb.fn.countAll().as("count")])
    .where("a.domain", "is not", null).where("s.created_at", ">=", span.from).where("s.created_at", "<", span.to)
    .groupBy("a.domain").orderBy("count", "desc").limit(limit).execute());
}

/** Sign-ups within the span by the app that registered them (null: the sign-up page or the operator). */
export async function countSignUpSources(db: Executor, span: Span, limit: number): Promise<Count[]> {
  return counted(await db.selectFrom("users as u")
    .leftJoin("account_registrations as r", "r.account_id", "u.account_id")
    .leftJoin("oauth_applications as o", "o.id", "r.application_id")
    .select(["o.name as key", (eb) => eb.fn.countAll().as("count")])
    .where("u.created_at", ">=", span.from).where("u.created_at", "<", span.to)
    .groupBy("o.name").orderBy("count", "desc").limit(limit).execute());
}

/** The database engine and its version. */
export async function databaseVersion(db: Executor, sqlite: boolean): Promise<string> {
  const query = sqlite ? sql<{ v: string }>`select sqlite_version() as v` : sql<{ v: string }>`show server_version`;
  const row = (await query.execute(db)).rows[0] as Record<string, string> | undefined;
  return row ? Object.values(row)[0]! : "unknown";
}

/** The database's size in bytes. */
export async function databaseSize(db: Executor, sqlite: boolean): Promise<number> {
  const query = sqlite
    ? sql<{ n: number }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`
    : sql<{ n: number }>`select pg_database_size(current_database()) as n`;
  return Number((await query.execute(db)).rows[0]?.n ?? 0);
}

/** Storage keys of every stored media file. */
export async function listMediaKeys(db: Executor): Promise<string[]> {
  return (await db.selectFrom("media_files").select("key").execute()).map((r) => r.key);
}
