// Both drivers hand back 64-bit integers losslessly (better-sqlite3 as BigInt
// with safe integers on, pg as text). Parley speaks of ids as digit strings and
// of counters and times as numbers; this one rule turns one into the other.
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** A 64-bit integer as JS wants it: a number when exact, else a digit string (an id). */
export function fromInt64(value: bigint | string): number | string {
  // Up to 15 digits (and a sign) is always exact: no BigInt needed (pg's text form, every counter and time).
  if (typeof value === "string" && value.length <= 15) return Number(value);
  const big = typeof value === "bigint" ? value : BigInt(value);
  return big <= MAX_SAFE && big >= MIN_SAFE ? Number(big) : big.toString();
}

/** Kysely plugin converting the BigInt values better-sqlite3 returns. */
export class BigIntResultPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) {
      for (const key in row) {
        const value = row[key];
        if (typeof value === "bigint") row[key] = fromInt64(value);
      }
    }
    return args.result;
  }
}
