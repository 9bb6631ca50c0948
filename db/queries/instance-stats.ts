// Figures about the instance for its public description: known peers, active
// users, totals and the weekly activity of the last weeks.
import { sql } from "kysely";
import { idFloorAt } from "../../src/domain/ids.ts";
import type { Executor } from "./executor.ts";

const WEEK_MS = 7 * 86_400_000;

/** The domains of every remote account Parley knows, sorted. */
export async function listPeerDomains(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom("accounts").select("domain").distinct().where("domain", "is not", null).orderBy("domain").execute();
  return rows.map((r) => r.domain!);
}

/** Local accounts that signed in (got a token) or posted since `since`. */
export async function countActiveLocalUsers(db: Executor, since: number): Promise<number> {
  const active = db
    .selectFrom("oauth_access_tokens")
    .select("account_id as id")
    .where("created_at", ">=", since)
    .where("account_id", "is not", null)
    .union(db.selectFrom("statuses").select("account_id as id").where("local", "=", 1).where("id", ">=", idFloorAt(since)));
  const row = await db
    .selectFrom(active.as("active"))
    .innerJoin("accounts", "accounts.id", "active.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("accounts.deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ActivityWeek {
  /** Start of the week (Monday 00:00 UTC), in ms. */
  week: number;
  statuses: number;
  logins: number;
  registrations: number;
}

/** Monday 00:00 UTC of the week holding `now`. */
export function weekStart(now: number): number {
  const day = new Date(now);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - sinceMonday);
}

/**
 * Local statuses, sign-ins (distinct accounts given a token) and sign-ups
 * per week for the last `weeks` weeks, this week first: three grouped queries.
 */
export async function loadWeeklyActivity(db: Executor, weeks: number, now = Date.now()): Promise<ActivityWeek[]> {
  const first = weekStart(now) - (weeks - 1) * WEEK_MS;
  // Literal numbers, so that the grouped expression is the selected one on PostgreSQL.
  const bucket = (column: string) => sql<number>`(${sql.ref(column)} - ${sql.lit(first)}) / ${sql.lit(WEEK_MS)}`;
  const [statuses, logins, registrations] = await Promise.all([
    db
      .selectFrom("statuses")
      .select([bucket("created_at").as("w"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("local", "=", 1)
      .where("reblog_of_id", "is", null)
      .where("id", ">=", idFloorAt(first))
      .groupBy(bucket("created_at"))
      .execute(),
    db
      .selectFrom("oauth_access_tokens")
      .select([bucket("created_at").as("w"), (eb) => eb.fn.count<number>("account_id").distinct().as("n")])
      .where("account_id", "is not", null)
      .where("created_at", ">=", first)
      .groupBy(bucket("created_at"))
      .execute(),
    db
      .selectFrom("users")
      .select([bucket("created_at").as("w"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("created_at", ">=", first)
      .groupBy(bucket("created_at"))
      .execute(),
  ]);
  const result: ActivityWeek[] = Array.from({ length: weeks }, (_, i) => ({ week: first + (weeks - 1 - i) * WEEK_MS, statuses: 0, logins: 0, registrations: 0 }));
  const fill = (rows: { w: number; n: number }[], key: "statuses" | "logins" | "registrations") => {
    for (const row of rows) {
      const entry = result[weeks - 1 - Number(row.w)];
      if (entry) entry[key] = Number(row.n);
    }
  };
  fill(statuses, "statuses");
  fill(logins, "logins");
  fill(registrations, "registrations");
  return result;
}
