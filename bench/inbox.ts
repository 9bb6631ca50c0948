// Inbox benchmark: signed Create(Note) activities into ONE Parley
// (`src/main.ts serve`, SQLite) from a SECOND process (inbox-sender.ts).
// Measures the POST latency (Fedify answers 202 after enqueueing) and, end to
// end, the time until every status is stored and the receiver's CPU seconds.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../db/index.ts";
import type { Id } from "../db/schema/index.ts";
import { type Config, loadConfig } from "../src/config.ts";
import type { BenchOptions } from "./options.ts";
import { forkHelper } from "./child-ipc.ts";
import { seedReceiver } from "./inbox-setup.ts";
import type { InboxSenderCommand, InboxSenderMessage } from "./inbox-sender.ts";
import { freePort } from "../scripts/postgres-cluster.ts";
import { serverEnv, startParleyServer } from "./parley-server.ts";
import { cpuSecondsOf, mainThreadCpuSecondsOf, memoryOf } from "./proc.ts";
import { printProfileSummary } from "./profile-summary.ts";
import { MIB, per, percentile, printFigures } from "./report.ts";
import { type StatementCounts, statementNotes } from "./statement-counter.ts";

const STORE_DEADLINE_MS = 180_000;
const STALL_MS = 30_000;

async function countStatuses(db: ReturnType<typeof openDatabase>["db"], authors: readonly Id[]): Promise<number> {
  const row = await db.selectFrom("statuses").select((eb) => eb.fn.countAll<number>().as("n")).where("account_id", "in", authors).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Polls until `count` statuses are stored, progress stalls for 30 s, or 3 minutes pass. */
async function waitForStored(config: Config, authors: readonly Id[], count: number): Promise<number> {
  const handle = openDatabase(config.database);
  try {
    const deadline = performance.now() + STORE_DEADLINE_MS;
    let stored = 0;
    let progressAt = performance.now();
    while (performance.now() < deadline && performance.now() - progressAt < STALL_MS) {
      const now = await countStatuses(handle.db, authors);
      if (now !== stored) progressAt = performance.now();
      stored = now;
      if (stored >= count) break;
      await new Promise((next) => setTimeout(next, 20));
    }
    return stored;
  } finally {
    await handle.close();
  }
}

/** Asks the receiver (started with statement-counter-preload.ts) for its counts since the last ask. */
async function statementsOf(pid: number, file: string): Promise<StatementCounts> {
  rmSync(file, { force: true });
  process.kill(pid, "SIGUSR2");
  const deadline = performance.now() + 10_000;
  while (!existsSync(file)) {
    if (performance.now() > deadline) throw new Error("the receiver wrote no statement counts");
    await new Promise((next) => setTimeout(next, 10));
  }
  await new Promise((next) => setTimeout(next, 50)); // let the write finish
  return JSON.parse(readFileSync(file, "utf8")) as StatementCounts;
}

/** Runs the inbox benchmark and prints its figures. */
export async function runInbox(options: BenchOptions): Promise<void> {
  const count = options.count ?? 2_000;
  const concurrency = options.concurrency ?? 16;
  const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-inbox-"));
  const profileDir = options.cpuProf ? mkdtempSync(join(tmpdir(), "parley-bench-prof-")) : null;
  const sender = forkHelper<InboxSenderCommand, InboxSenderMessage>("inbox-sender.ts");
  try {
    const { actors } = await sender.next("ready", 30_000);
    const port = await freePort();
    const config = loadConfig(serverEnv(dataDir, port));
    const authors = await seedReceiver(config, actors);
    const statementsFile = options.countStatements ? join(dataDir, "statements.json") : null;
    const receiver = await startParleyServer({
      dataDir,
      port,
      nodeArgs: [
        ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
        ...(statementsFile ? ["--import", join(import.meta.dirname, "statement-counter-preload.ts")] : []),
      ],
      env: statementsFile ? { PARLEY_BENCH_STATEMENTS_FILE: statementsFile } : {},
    });
    try {
      sender.send({ type: "prepare", inboxUrl: new URL("/inbox", receiver.url).href, count });
      const { signSeconds } = await sender.next("prepared", 120_000);

      if (statementsFile) await statementsOf(receiver.pid, statementsFile); // setup's, not counted
      const memoryIdle = memoryOf(receiver.pid);
      const cpuStart = cpuSecondsOf(receiver.pid);
      const mainStart = mainThreadCpuSecondsOf(receiver.pid);
      const started = performance.now();
      sender.send({ type: "go", concurrency });
      const done = await sender.next("done", 300_000);
      const cpuAtLastResponse = cpuSecondsOf(receiver.pid) - cpuStart;
      const stored = await waitForStored(config, authors, count);
      const endToEndS = (performance.now() - started) / 1000;
      const cpuEndToEnd = cpuSecondsOf(receiver.pid) - cpuStart;
      const mainEndToEnd = mainThreadCpuSecondsOf(receiver.pid) - mainStart;
      const memory = memoryOf(receiver.pid);
      const statements = statementsFile ? await statementsOf(receiver.pid, statementsFile) : null;
      const accepted = done.statuses["202"] ?? 0;

      printFigures(`inbox: ${count} signed Create(Note) from ${actors.length} actors, concurrency ${concurrency}`, [
        { label: "requests answered 202", value: accepted, unit: `of ${count}` },
        { label: "requests per second (POST until 202)", value: per(count, done.elapsedMs / 1000), unit: "/s" },
        { label: "latency p50", value: percentile(done.latenciesMs, 50), unit: "ms" },
        { label: "latency p99", value: percentile(done.latenciesMs, 99), unit: "ms", target: "≤ 50 ms" },
        { label: "receiver CPU until last response", value: cpuAtLastResponse, unit: "CPU-s" },
        { label: "statuses stored", value: stored, unit: `of ${count}` },
        { label: "end to end: all stored after", value: endToEndS, unit: "s" },
        { label: "end to end: activities per second", value: per(stored, endToEndS), unit: "/s" },
        { label: "end to end: receiver CPU", value: cpuEndToEnd, unit: "CPU-s" },
        { label: "  of which its main thread", value: mainEndToEnd, unit: "CPU-s" },
        { label: "end to end: activities per CPU-second", value: per(stored, cpuEndToEnd), unit: "/CPU-s", target: "≥ 300" },
        { label: "receiver RSS idle, before the load", value: memoryIdle.rss / MIB, unit: "MiB", target: "≤ 150 MiB" },
        { label: "receiver RSS after the load", value: memory.rss / MIB, unit: "MiB", target: "≤ 300 MiB" },
        { label: "receiver peak RSS (VmHWM)", value: memory.peakRss / MIB, unit: "MiB", target: "≤ 300 MiB" },
      ], [
        `statuses of the POSTs: ${JSON.stringify(done.statuses)}`,
        `sender (another process) used ${done.cpuSeconds.toFixed(2)} CPU-s sending and ${signSeconds.toFixed(2)} CPU-s pre-signing (not counted above)`,
        ...(statements ? statementNotes(statements, stored, "activity") : []),
      ]);
    } finally {
      await receiver.stop();
    }
    if (profileDir) for (const file of readdirSync(profileDir)) printProfileSummary(join(profileDir, file));
  } finally {
    await sender.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
