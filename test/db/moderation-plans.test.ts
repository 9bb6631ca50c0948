// The moderation rule adds subqueries to every home timeline read: they must
// read the partial indexes of 0013-account-moderation (the few suspended or
// silenced accounts), never scan the accounts table, and the page itself
// must still walk the home timeline's index.
import { CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/index.ts";
import { pageHomeTimeline } from "../../db/queries/timelines.ts";
import { openTestDatabase } from "../helpers/database.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase("moderation-plans");
});
afterAll(async () => {
  await handle?.close();
});

/** The SQL and parameters of the home timeline page query, as the app runs it. */
async function homeQuery(): Promise<CompiledQuery> {
  const executor = handle.db.getExecutor();
  const original = executor.executeQuery.bind(executor);
  let captured: CompiledQuery | undefined;
  executor.executeQuery = (async (query: CompiledQuery, queryId: unknown) => {
    captured ??= query;
    return original(query, queryId as never);
  }) as typeof executor.executeQuery;
  try {
    await pageHomeTimeline(handle.db, "1", { lower: null, upper: "1000000", ascending: false, limit: 20 });
  } finally {
    executor.executeQuery = original;
  }
  return captured!;
}

describe("the home timeline's plan with moderation", () => {
  it("reads moderated accounts through their partial indexes and the entries through theirs", async () => {
    const query = await homeQuery();
    if (handle.kind === "sqlite") {
      const rows = (await handle.db.executeQuery(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]))).rows as { detail: string }[];
      const plan = rows.map((r) => r.detail);
      console.log(`SQLite plan of the home timeline:\n${plan.join("\n")}`);
      expect(plan.some((step) => /accounts_suspended_idx/.test(step))).toBe(true);
      expect(plan.some((step) => /accounts_silenced_idx/.test(step))).toBe(true);
      // A scan of a partial index reads only moderated accounts; a scan of anything else reads a whole table.
      expect(plan.filter((step) => /^SCAN /.test(step) && !/USING INDEX accounts_(suspended|silenced)_idx/.test(step))).toEqual([]);
    } else {
      // Few rows make any plan cheap; with sequential scans priced out, what remains must be index reads.
      const plan = await handle.db.transaction().execute(async (tx) => {
        await tx.executeQuery(CompiledQuery.raw("SET LOCAL enable_seqscan = off"));
        const rows = (await tx.executeQuery(CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]))).rows as { "QUERY PLAN": string }[];
        return rows.map((r) => r["QUERY PLAN"]);
      });
      console.log(`PostgreSQL plan of the home timeline:\n${plan.join("\n")}`);
      expect(plan.some((step) => /accounts_suspended_idx/.test(step))).toBe(true);
      expect(plan.some((step) => /accounts_silenced_idx/.test(step))).toBe(true);
      expect(plan.filter((step) => /Seq Scan on (accounts|statuses|home_timeline_entries)\b/.test(step))).toEqual([]);
    }
  });
});
