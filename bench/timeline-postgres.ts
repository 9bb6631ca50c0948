// PostgreSQL for the timeline benchmark: the server PARLEY_BENCH_POSTGRES_URL
// names, else a cluster of the local binaries (scripts/postgres-cluster.ts) kept
// in a folder the caller owns, so a seeded database can be measured again.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findPostgresBin, startCluster } from "../scripts/postgres-cluster.ts";

export interface BenchPostgres {
  /** postgres://... of the benchmark's database. */
  url: string;
  /** Whether `url` came from PARLEY_BENCH_POSTGRES_URL (its seed cannot be kept next to a cluster). */
  given: boolean;
  /** CPU seconds used so far by the postmaster and every backend, exited ones included; null for a given server. */
  cpuSeconds: (() => number) | null;
  stop(): void;
}

// The settings of a small production server, except durability (seeding speed; reads are unaffected).
const SETTINGS = [
  "shared_buffers = 512MB",
  "effective_cache_size = 4GB",
  "maintenance_work_mem = 256MB",
  "fsync = off",
  "synchronous_commit = off",
  "full_page_writes = off",
  "max_wal_size = 4GB",
];

function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

// The postmaster's own CPU and that of the children it has reaped (cutime, cstime), plus its live children.
function clusterCpuSeconds(postmaster: number, ticks: number): number {
  const own = statFields(postmaster);
  let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      if (Number(fields[1]) === postmaster) total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile; the postmaster's cutime has it now.
    }
  }
  return total / ticks;
}

/** The benchmark's PostgreSQL, or null when there is neither a given URL nor local binaries. */
export async function startBenchPostgres(dir: string): Promise<BenchPostgres | null> {
  const given = process.env.PARLEY_BENCH_POSTGRES_URL;
  if (given) return { url: given, given: true, cpuSeconds: null, stop: () => {} };
  const bin = findPostgresBin();
  if (!bin) return null;
  const cluster = await startCluster(bin, { dir: join(dir, "cluster"), database: "parley_bench", settings: SETTINGS });
  const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return { url: cluster.url, given: false, cpuSeconds: () => clusterCpuSeconds(cluster.postmasterPid, ticks), stop: cluster.stop };
}
