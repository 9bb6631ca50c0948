// The command-line options the benchmarks share: `--count 500 --concurrency 8 --cpu-prof`.

export interface BenchOptions {
  /** How many activities (inbox) or followers (fanout) to use. */
  count?: number;
  /** Requests in flight at once (inbox). */
  concurrency?: number;
  /** Writes a V8 CPU profile of the measured Parley process and prints its summary. */
  cpuProf?: boolean;
}

export class OptionsError extends Error {}

function positiveInteger(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new OptionsError(`${name} needs a positive integer, got "${raw ?? ""}"`);
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
    else throw new OptionsError(`unknown option: ${arg}`);
  }
  return options;
}
