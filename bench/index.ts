// `npm run bench -- <name> [options]`: runs one benchmark, or all of them, and
// prints figures next to their targets. Benchmarks never assert; each stops by
// itself, bounded in count and in time.
import { spawnSync } from "node:child_process";
import { type BenchOptions, OptionsError, parseOptions } from "./options.ts";

const BENCHMARKS: Record<string, (options: BenchOptions) => Promise<void>> = {
  inbox: async (options) => (await import("./inbox.ts")).runInbox(options),
  fanout: async (options) => (await import("./fanout.ts")).runFanout(options),
  startup: async () => (await import("./startup.ts")).runStartup(),
  rules: async (options) => (await import("./rules.ts")).runRules(options),
  timeline: async (options) => (await import("./timeline.ts")).runTimeline(options),
  documents: async (options) => (await import("./documents.ts")).runDocuments(options),
};

const USAGE = `usage: npm run bench -- <inbox|fanout|startup|timeline|documents|all> [options]
       (or: node bench/index.ts <name> [options])

  inbox     signed Create(Note) activities into one Parley from a second process:
            latency per POST, end-to-end activities per second and per CPU-second
  fanout    one post by an account with 10,000 followers on 1,000 instances:
            time until every inbox is reached, signed deliveries per CPU-second
  startup   seconds from spawn to the first 200 of GET /health (fresh and
            existing data dir) and idle resident memory
  rules     statuses/s through createStatus with no automatic rule and with 1,000
            keyword rules, each with its CPU seconds (--count statuses, default 2000)
  timeline  GET /api/v1/timelines/home on 1,000,000 statuses, SQLite and PostgreSQL:
            database time, API response p50/p99, reads per CPU-second by depth
  documents actor, WebFinger and NodeInfo documents per CPU-second
  all       each of them, one after the other, each in a fresh process

options:
  --count N        inbox: activities (default 2000); fanout: followers (default 10000);
                   timeline: statuses (default 1000000)
  --concurrency N  inbox: requests in flight (default 16); timeline, documents: (default 8)
  --cpu-prof       inbox, fanout, timeline, documents: CPU-profile the Parley process,
                   print where time goes
  --latency MS     fanout: the fake inboxes answer after MS milliseconds (default 0),
                   as remote servers do; shows what delivery parallelism buys
  --count-statements  inbox, fanout: count Parley's SQL statements, print them
                   per activity or delivery
  --db D           timeline: sqlite, postgres or both (default both)
  --data-dir DIR   timeline: seed into DIR and keep it; reuse it when already seeded`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    console.log(USAGE);
    return 0;
  }
  if (!name || (name !== "all" && !(name in BENCHMARKS))) {
    console.error(`${name ? `unknown benchmark: ${name}\n\n` : ""}${USAGE}`);
    return 2;
  }
  let options: BenchOptions;
  try {
    options = parseOptions(rest);
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (name !== "all") {
    await BENCHMARKS[name]!(options);
    return 0;
  }
  // Each in a fresh process, so one's memory and JIT state never colour another's figures.
  let failed = 0;
  for (const each of Object.keys(BENCHMARKS)) {
    const run = spawnSync(process.execPath, [import.meta.filename, each, ...rest], { stdio: "inherit" });
    if (run.status !== 0) failed = run.status ?? 1;
  }
  return failed;
}

process.exitCode = await main(process.argv.slice(2));
