// The command-line options the benchmarks share:
// `--count 500 --concurrency 8 --cpu-prof --latency 100 --count-statements`.

export interface BenchOptions {
  /** How many activities (inbox) or followers (fanout) to use. */
  count?: number;
  /** Requests in flight at once (inbox). */
  concurrency?: number;
  /** Writes a V8 CPU profile of the measured Parley process and prints its summary. */
  cpuProf?: boolean;
  /** Which database to measure on (timeline). */
  db?: "sqlite" | "postgres" | "both";
  /** A folder to seed into and keep, or to reuse when already seeded (timeline). */
  dataDir?: string;
  /** Milliseconds the fake inboxes take to answer (fanout). */
  latencyMs?: number;
  /** Counts the measured Parley's SQL statements and prints them per activity or delivery. */
  countStatements?: boolean;
}

export class OptionsError extends Error {}

function positiveInteger(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new OptionsError(`${name} needs a positive integer, got "${raw ?? ""}"`);
  return value;
}

function nonNegativeInteger(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new OptionsError(`${name} needs a whole number of milliseconds, got "${raw ?? ""}"`);
  return value;
}

/** Parses the flags after the benchmark's name; throws OptionsError on anything unknown. */
export function parseOptions(args: readonly string[]): BenchOptions {
  const options: BenchOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--count") options.count = positiveInteger(arg, args[++i]);
    else if (arg === "--concurrency") options.concurrency = positiveInteger(arg, args[++i]);
    else if (arg === "--cpu-prof") options.cpuProf = true;
    else if (arg === "--latency") options.latencyMs = nonNegativeInteger(arg, args[++i]);
    else if (arg === "--count-statements") options.countStatements = true;
    else if (arg === "--db") {
      const db = args[++i];
      if (db !== "sqlite" && db !== "postgres" && db !== "both") throw new OptionsError(`--db needs sqlite, postgres or both, got "${db ?? ""}"`);
      options.db = db;
    } else if (arg === "--data-dir") {
      const dir = args[++i];
      if (!dir) throw new OptionsError("--data-dir needs a folder");
      options.dataDir = dir;
    } else throw new OptionsError(`unknown option: ${arg}`);
  }
  return options;
}
