// Counter arithmetic shared by the tables that keep counters.
import { type RawBuilder, sql } from "kysely";

/** `column + delta`, floored at zero, portable across SQLite and PostgreSQL. */
export function clampedSum(column: string, delta: number): RawBuilder<number> {
  const ref = sql.ref(column);
  return sql<number>`case when ${ref} + ${delta} < 0 then 0 else ${ref} + ${delta} end`;
}
