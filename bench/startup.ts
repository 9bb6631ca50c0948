// Startup benchmark: seconds from spawning `node src/main.ts serve` to the
// first 200 of GET /health, on a fresh data dir (migrations applied) and
// again on the existing one, and the resident memory once idle.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startParleyServer } from "./parley-server.ts";
import { cpuSecondsOf, memoryOf } from "./proc.ts";
import { type Figure, MIB, printFigures } from "./report.ts";

// Long enough for start-up work (JIT, the first queue polls, GC) to settle.
const IDLE_MS = 3_000;

async function measureStart(dataDir: string, label: string): Promise<Figure[]> {
  const server = await startParleyServer({ dataDir });
  try {
    const cpuAtReady = cpuSecondsOf(server.pid);
    await new Promise((idle) => setTimeout(idle, IDLE_MS));
    const memory = memoryOf(server.pid);
    return [
      { label: `${label}: spawn to first 200 of /health`, value: server.readyAfterMs / 1000, unit: "s", target: "≤ 1.5 s" },
      { label: `${label}: CPU used until then`, value: cpuAtReady, unit: "CPU-s" },
      { label: `${label}: RSS idle after ${IDLE_MS / 1000} s`, value: memory.rss / MIB, unit: "MiB", target: "≤ 150 MiB" },
    ];
  } finally {
    await server.stop();
  }
}

/** Runs the startup benchmark and prints its figures. */
export async function runStartup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-startup-"));
  try {
    const fresh = await measureStart(dataDir, "fresh data dir");
    const existing = await measureStart(dataDir, "existing data dir");
    printFigures("startup: node src/main.ts serve, SQLite", [...fresh, ...existing], [
      "RSS under load: see the receiver's RSS in `inbox` and Parley's RSS in `fanout`",
    ]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
