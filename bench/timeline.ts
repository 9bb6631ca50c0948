// Timeline benchmark: a database of 10,000 accounts and 1,000,000 statuses
// (seed-timeline.ts), ten readers who each follow 500 accounts, and
// GET /api/v1/timelines/home?limit=40 at several paging depths: the database
// time of the endpoint's queries (timeline-db-time.ts), the whole response
// through the real HTTP server (`src/main.ts serve`) and reads per second and
// per CPU-second from a load generator in another process (api-load-client.ts).
// On SQLite and on PostgreSQL (PARLEY_BENCH_POSTGRES_URL, else a cluster of the local binaries).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "kysely";
import { type DatabaseConfig, migrateToLatest, openDatabase } from "../db/index.ts";
import type { BenchOptions } from "./options.ts";
import { type LoadClient, type LoadRequest, type LoadResult, runLoad, startLoadClient } from "./api-load.ts";
import { startParleyServer } from "./parley-server.ts";
import { cpuSecondsOf } from "./proc.ts";
import { printProfileSummary } from "./profile-summary.ts";
import { type Figure, per, percentile, printFigures } from "./report.ts";
import { type TimelineSeed, type TimelineSeedSize, seedTimeline } from "./seed-timeline.ts";
import { ORIGIN } from "./seed-timeline-rows.ts";
import { type DbTimeCase, type DbTimes, measureDbTime } from "./timeline-db-time.ts";
import { type BenchPostgres, startBenchPostgres } from "./timeline-postgres.ts";

const PAGE = 40;
// Home timeline entries skipped before the page: the first page, then max_id pages further down.
const DEPTHS = [
  { label: "first page", skip: 0 },
  { label: "max_id 400 deep", skip: 400 },
  { label: "max_id 4,000 deep", skip: 4_000 },
  { label: "max_id 30,000 deep", skip: 30_000 },
];
const DB_ITERATIONS = 400;
const LATENCY_REQUESTS = 400;
const LOAD_REQUESTS = 4_000;
const STEP_SECONDS = 20;

interface Depth {
  label: string;
  cases: DbTimeCase[];
}

/** Seeds the database unless `dir` already holds this seed (and the database still does); returns the seed's facts. */
async function prepareDatabase(database: DatabaseConfig, dir: string, size: TimelineSeedSize): Promise<TimelineSeed> {
  const marker = join(dir, "seed.json");
  const handle = openDatabase(database);
  try {
    await migrateToLatest(handle);
    const { n } = await handle.db.selectFrom("statuses").select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
    if (existsSync(marker)) {
      const seed = JSON.parse(readFileSync(marker, "utf8")) as TimelineSeed;
      if (JSON.stringify(seed.size) === JSON.stringify(size) && Number(n) === seed.counts.statuses) {
        console.log(`  reusing the database seeded in ${dir} (${seed.seededInSeconds.toFixed(0)} s to seed)`);
        return seed;
      }
    }
    if (Number(n) !== 0) throw new Error(`the database of ${dir} holds statuses of another seed: give an empty one, or remove ${dir}`);
    const seed = await seedTimeline(handle.db, size);
    // What autovacuum does after a bulk load on a live server: statistics and the visibility map.
    if (database.kind === "postgres") await sql`vacuum analyze`.execute(handle.db);
    writeFileSync(marker, JSON.stringify(seed));
    return seed;
  } finally {
    await handle.close();
  }
}

/** For each depth, each reader's max_id: the id of the entry just above the page. */
async function depthCases(database: DatabaseConfig, seed: TimelineSeed): Promise<Depth[]> {
  const handle = openDatabase(database);
  try {
    const depths: Depth[] = [];
    for (const depth of DEPTHS) {
      const cases: DbTimeCase[] = [];
      for (const reader of seed.readers) {
        let maxId: string | null = null;
        if (depth.skip > 0) {
          const entries = handle.db.selectFrom("home_timeline_entries").select("status_id").where("account_id", "=", reader.id).orderBy("status_id", "desc");
          const row = (await entries.offset(depth.skip - 1).limit(1).executeTakeFirst())
            ?? (await entries.offset(0).limit(1).executeTakeFirst()); // a short timeline: its first page again
          maxId = row?.status_id ?? null;
        }
        cases.push({ readerId: reader.id, token: reader.token, maxId });
      }
      depths.push({ label: depth.label, cases });
    }
    return depths;
  } finally {
    await handle.close();
  }
}

function requestsOf(depth: Depth): LoadRequest[] {
  return depth.cases.map((c) => ({
    path: `/api/v1/timelines/home?limit=${PAGE}${c.maxId ? `&max_id=${c.maxId}` : ""}`,
    headers: { authorization: `Bearer ${c.token}` },
  }));
}

interface DepthFigures {
  label: string;
  db: DbTimes;
  latency: LoadResult;
  load: LoadResult;
}

function figuresOf(results: DepthFigures[], concurrency: number, withPostgres: boolean): Figure[] {
  const figures: Figure[] = [];
  for (const r of results) {
    const serverCpu = r.load.cpuS.server!;
    figures.push(
      { label: `${r.label}: statuses per page (mean)`, value: r.db.rowsPerPage.reduce((a, b) => a + b, 0) / r.db.rowsPerPage.length, unit: "", digits: 1 },
      { label: `${r.label}: database time p50 (all queries)`, value: percentile(r.db.endpointMs, 50), unit: "ms" },
      { label: `${r.label}: database time p99 (all queries)`, value: percentile(r.db.endpointMs, 99), unit: "ms", target: "≤ 5 ms" },
      { label: `${r.label}: home page query alone p99`, value: percentile(r.db.pageMs, 99), unit: "ms" },
      { label: `${r.label}: database CPU per request (mean)`, value: r.db.cpuMsPerRequest, unit: "CPU-ms" },
      { label: `${r.label}: API response p50 (one at a time)`, value: r.latency.p50, unit: "ms" },
      { label: `${r.label}: API response p99 (one at a time)`, value: r.latency.p99, unit: "ms", target: "≤ 25 ms" },
      { label: `${r.label}: reads per second (concurrency ${concurrency})`, value: r.load.perSecond, unit: "/s" },
      { label: `${r.label}: API response p99 (concurrency ${concurrency})`, value: r.load.p99, unit: "ms" },
      { label: `${r.label}: Parley CPU over the load`, value: serverCpu, unit: "CPU-s" },
      { label: `${r.label}: reads per Parley CPU-second`, value: per(r.load.ok, serverCpu), unit: "/CPU-s", target: "≥ 3,000" },
    );
    if (withPostgres) {
      const both = serverCpu + r.load.cpuS.postgres!;
      figures.push({ label: `${r.label}: reads per CPU-second, Parley + PostgreSQL`, value: per(r.load.ok, both), unit: "/CPU-s" });
    }
  }
  return figures;
}

function queryNotes(results: DepthFigures[]): string[] {
  return [results[0]!, results.at(-1)!].map((r) => {
    const parts = [...r.db.byQuery].map(([label, ms]) => `${label} ${percentile(ms, 50)!.toFixed(2)}/${percentile(ms, 99)!.toFixed(2)}`);
    return `${r.label}, each query p50/p99 ms: ${parts.join(", ")}`;
  });
}

// A seeded database is kept under the folder of its seed's parameters (--data-dir), next to other sizes.
const seedKey = (size: TimelineSeedSize) =>
  `${size.statuses}-statuses-${size.accounts}-accounts-${size.readers}-readers-${size.follows}-follows-${size.tags}-tags`;

async function runOn(kind: "sqlite" | "postgres", root: string, size: TimelineSeedSize, options: BenchOptions, client: LoadClient): Promise<void> {
  const concurrency = options.concurrency ?? 8;
  let postgres: BenchPostgres | null = null;
  let database: DatabaseConfig;
  const dir = join(root, `${kind}-${seedKey(size)}`);
  mkdirSync(dir, { recursive: true });
  if (kind === "postgres") {
    postgres = await startBenchPostgres(dir);
    if (!postgres) {
      console.log("\n(timeline on PostgreSQL skipped: no PARLEY_BENCH_POSTGRES_URL, no PostgreSQL binaries under /usr/lib/postgresql)");
      return;
    }
    database = { kind: "postgres", url: postgres.url };
  } else {
    database = { kind: "sqlite", path: join(dir, "parley.sqlite") };
  }
  const profileDir = options.cpuProf ? mkdtempSync(join(tmpdir(), "parley-bench-prof-")) : null;
  try {
    console.log(`\ntimeline on ${kind}: preparing ${size.statuses} statuses by ${size.accounts} accounts`);
    const seed = await prepareDatabase(database, dir, size);
    const depths = await depthCases(database, seed);
    const server = await startParleyServer({
      dataDir: dir,
      nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
      env: {
        DATABASE_URL: database.kind === "postgres" ? database.url : "",
        PARLEY_PUBLIC_URL: ORIGIN,
        PARLEY_API_RATE_LIMIT: "0",
        PARLEY_RUN_QUEUE: "false",
      },
    });
    const results: DepthFigures[] = [];
    const loadBefore = loadavg()[0]!;
    const cpu: Record<string, () => number> = { server: () => cpuSecondsOf(server.pid) };
    if (postgres?.cpuSeconds) cpu.postgres = postgres.cpuSeconds;
    const origin = `http://127.0.0.1:${server.url.port}`;
    try {
      // Warm-up: JIT, statement caches, the database's pages.
      await runLoad(client, { origin, requests: depths.flatMap(requestsOf), concurrency: 4, maxRequests: 1_000, maxSeconds: STEP_SECONDS, cpu });
      const handle = openDatabase(database);
      try {
        for (const depth of depths) {
          const db = await measureDbTime(handle.db, depth.cases, DB_ITERATIONS, STEP_SECONDS, postgres?.cpuSeconds ?? undefined);
          const requests = requestsOf(depth);
          const latency = await runLoad(client, { origin, requests, concurrency: 1, maxRequests: LATENCY_REQUESTS, maxSeconds: STEP_SECONDS, cpu });
          const load = await runLoad(client, { origin, requests, concurrency, maxRequests: LOAD_REQUESTS, maxSeconds: STEP_SECONDS, cpu });
          results.push({ label: depth.label, db, latency, load });
        }
      } finally {
        await handle.close();
      }
    } finally {
      await server.stop();
    }
    const loadAfter = loadavg()[0]!;
    const entries = seed.counts.home_timeline_entries! / seed.readers.length;
    const statuses = Object.entries(results.at(-1)!.load.statuses).map(([code, n]) => `${code}: ${n}`).join(", ");
    printFigures(`timeline: GET /api/v1/timelines/home?limit=${PAGE} on ${kind}, ${size.statuses} statuses, ${size.accounts} accounts`, figuresOf(results, concurrency, postgres?.cpuSeconds != null), [
      `${seed.readers.length} readers round-robin, each following ${size.follows} accounts: ${entries.toFixed(0)} home entries each (seeded in ${seed.seededInSeconds.toFixed(0)} s)`,
      `database time: token lookup + home page + page data (loadStatusPage), called in the benchmark process on its own connection, ${DB_ITERATIONS} per depth;` +
        ` its CPU is the benchmark process's${postgres?.cpuSeconds ? " plus the PostgreSQL backends'" : ""}`,
      ...queryNotes(results),
      `load: ${LOAD_REQUESTS} requests or ${STEP_SECONDS} s per depth from another process (undici, keep-alive); answers of the last: ${statuses}`,
      `load generator CPU (not counted above): ${results.map((r) => r.load.clientCpuS.toFixed(2)).join(" / ")} CPU-s`,
      ...(postgres?.cpuSeconds ? ["Parley + PostgreSQL: the PostgreSQL backends' CPU (/proc of the postmaster's children) added to Parley's"] : []),
      ...(postgres?.given ? ["PostgreSQL from PARLEY_BENCH_POSTGRES_URL: its CPU is not measured"] : []),
      `load average (1 min) before and after: ${loadBefore.toFixed(2)}, ${loadAfter.toFixed(2)} on ${availableParallelism()} cores: wall-clock figures suffer from other load, CPU figures much less`,
    ]);
    if (profileDir) for (const file of readdirSync(profileDir)) printProfileSummary(join(profileDir, file));
  } finally {
    postgres?.stop();
  }
}

/** Runs the timeline benchmark and prints its figures. */
export async function runTimeline(options: BenchOptions): Promise<void> {
  const size: TimelineSeedSize = { accounts: 10_000, statuses: options.count ?? 1_000_000, readers: 10, follows: 500, tags: 20_000 };
  const kinds = options.db === undefined || options.db === "both" ? (["sqlite", "postgres"] as const) : [options.db];
  const root = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), "parley-bench-timeline-"));
  const client = await startLoadClient();
  try {
    for (const kind of kinds) await runOn(kind, root, size, options, client);
  } finally {
    await client.stop();
    if (!options.dataDir) rmSync(root, { recursive: true, force: true });
  }
}
