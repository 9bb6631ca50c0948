// Database time of GET /api/v1/timelines/home: the queries its handler runs
// (token lookup, the page of the home timeline, the page's data), called
// directly on a connection of the benchmark process, each query timed by a
// Kysely plugin from before it is compiled until its rows are back.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import type { Db } from "../db/index.ts";
import { findActiveToken } from "../db/queries/oauth-tokens.ts";
import { loadStatusPage } from "../db/queries/status-page.ts";
import { pageHomeTimeline } from "../db/queries/timelines.ts";
import { ownCpuSeconds } from "./proc.ts";

export interface DbTimeCase {
  readerId: string;
  token: string;
  maxId: string | null;
}

export interface DbTimes {
  /** Wall time of all the endpoint's queries, per request. */
  endpointMs: number[];
  /** The home timeline page query alone. */
  pageMs: number[];
  /** Each query by its main table, in the order the handler runs them. */
  byQuery: Map<string, number[]>;
  rowsPerPage: number[];
  /** Mean CPU milliseconds per request: this process (Kysely, the driver, SQLite) and the database server's when given. */
  cpuMsPerRequest: number;
}

// The first table a query reads, named for the figures: "statuses", "accounts", ...
function tableOf(node: RootOperationNode): string {
  const from = (node as { from?: { froms?: unknown[] } }).from?.froms?.[0] as { kind?: string; node?: unknown; table?: { identifier?: { name?: string } } } | undefined;
  const table = (from?.kind === "AliasNode" ? (from.node as typeof from) : from)?.table?.identifier?.name;
  return table ?? node.kind;
}

/** Times each query run through the returned database; `take()` hands over and clears the times. */
class QueryTimer implements KyselyPlugin {
  readonly #started = new WeakMap<object, { table: string; at: number }>();
  #lastEnd = 0;
  #times: { label: string; ms: number }[] = [];
  #seen = new Map<string, number>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    // Subqueries pass here too (their builders share the plugin) but never reach transformResult.
    this.#started.set(args.queryId, { table: tableOf(args.node), at: performance.now() });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const now = performance.now();
    const started = this.#started.get(args.queryId);
    if (started) {
      const n = (this.#seen.get(started.table) ?? 0) + 1;
      this.#seen.set(started.table, n);
      // Queries a page runs at once (Promise.all) execute one after the other on SQLite: count
      // each from the later of its start and the previous query's end.
      this.#times.push({ label: n === 1 ? started.table : `${started.table} #${n}`, ms: now - Math.max(started.at, this.#lastEnd) });
      this.#lastEnd = now;
    }
    return args.result;
  }

  take(): { label: string; ms: number }[] {
    const times = this.#times;
    this.#times = [];
    this.#seen = new Map();
    this.#lastEnd = 0;
    return times;
  }
}

/**
 * Runs the endpoint's queries for each case round-robin, `iterations` times in all or until
 * maxSeconds; `serverCpuSeconds` reads the CPU of a database server (PostgreSQL) to add.
 */
export async function measureDbTime(
  db: Db, cases: readonly DbTimeCase[], iterations: number, maxSeconds: number, serverCpuSeconds: () => number = () => 0,
): Promise<DbTimes> {
  const timer = new QueryTimer();
  const timed = db.withPlugin(timer);
  const result: DbTimes = { endpointMs: [], pageMs: [], byQuery: new Map(), rowsPerPage: [], cpuMsPerRequest: Number.NaN };
  const deadline = performance.now() + maxSeconds * 1000;
  const cpuStart = ownCpuSeconds() + serverCpuSeconds();
  for (let i = 0; i < iterations && performance.now() < deadline; i++) {
    const c = cases[i % cases.length]!;
    timer.take();
    const started = performance.now();
    const token = await findActiveToken(timed, c.token);
    if (!token) throw new Error(`the token of reader ${c.readerId} is not valid`);
    const rows = await pageHomeTimeline(timed, c.readerId, { lower: null, upper: c.maxId, ascending: false, limit: 40 });
    await loadStatusPage(timed, rows, c.readerId, "home");
    result.endpointMs.push(performance.now() - started);
    result.rowsPerPage.push(rows.length);
    for (const { label, ms } of timer.take()) {
      if (label === "home_timeline_entries") result.pageMs.push(ms);
      const samples = result.byQuery.get(label) ?? [];
      samples.push(ms);
      result.byQuery.set(label, samples);
    }
  }
  result.cpuMsPerRequest = ((ownCpuSeconds() + serverCpuSeconds() - cpuStart) * 1000) / result.endpointMs.length;
  return result;
}
