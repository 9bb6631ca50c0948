// CPU time and memory of a process, read from /proc (Linux): the figures
// every benchmark reports next to its throughput.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let clockTicks: number | undefined;

// USER_HZ, the unit of utime and stime in /proc/<pid>/stat (almost always 100).
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

function cpuSecondsIn(statPath: string): number {
  const stat = readFileSync(statPath, "utf8");
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / ticksPerSecond();
}

/** CPU seconds (user + system) a process has used so far, its threads included. */
export function cpuSecondsOf(pid: number): number {
  return cpuSecondsIn(`/proc/${pid}/stat`);
}

/**
 * CPU seconds of a process's main thread alone (the JavaScript event loop);
 * the rest went to libuv's pool (signing, hashing) and V8's helper threads (GC).
 */
export function mainThreadCpuSecondsOf(pid: number): number {
  return cpuSecondsIn(`/proc/${pid}/task/${pid}/stat`);
}

/** CPU seconds this process has used so far (process.cpuUsage). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

export interface Memory {
  /** Resident set size now, bytes (VmRSS). */
  rss: number;
  /** Peak resident set size since start, bytes (VmHWM). */
  peakRss: number;
}

/** Resident memory of a process from /proc/<pid>/status. */
export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kib("VmRSS"), peakRss: kib("VmHWM") };
}
