// Fanout benchmark: one public post by a local account with 10,000 remote
// followers on 1,000 fake instances (ten per instance, one shared inbox each),
// through the real path: postLocalStatus -> outbox -> Fedify queue ->
// signed deliveries over HTTPS. Parley runs in this process (createApp, queue
// on SQLite, the rig's loopback network); the fake inboxes in another.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, type ParleyApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createTestCa } from "../test/rig/net/certificates.ts";
import { installTestNetwork } from "../test/rig/net/network.ts";
import { forkHelper } from "./child-ipc.ts";
import type { FanoutInboxesCommand, FanoutInboxesMessage, InboxStats } from "./fanout-inboxes.ts";
import { FOLLOWERS_PER_INSTANCE, instanceHosts, seedFollowers } from "./fanout-seed.ts";
import type { BenchOptions } from "./options.ts";
import { serverEnv } from "./parley-server.ts";
import { startOwnProfile } from "./own-profile.ts";
import { mainThreadCpuSecondsOf, memoryOf, ownCpuSeconds } from "./proc.ts";
import { printProfileSummary } from "./profile-summary.ts";
import { MIB, per, printFigures } from "./report.ts";
import { countStatements, statementNotes, takeStatementCounts } from "./statement-counter.ts";

const REACH_DEADLINE_MS = 120_000;

async function createAuthor(app: ParleyApp) {
  const created = await app.services.createLocalAccount({
    username: "author",
    email: "author@bench.invalid",
    password: "correct horse battery staple",
    locked: false,
  });
  if (!created.ok) throw new Error(`could not create @author: ${created.message}`);
  return created.value;
}

/** Runs the fanout benchmark and prints its figures. */
export async function runFanout(options: BenchOptions): Promise<void> {
  const followers = options.count ?? 10_000;
  const hosts = instanceHosts(Math.ceil(followers / FOLLOWERS_PER_INSTANCE));
  const ca = await createTestCa();
  const { key, cert } = await ca.issue(["*.fanout.test"]);
  const inboxes = forkHelper<FanoutInboxesCommand, FanoutInboxesMessage>("fanout-inboxes.ts");
  const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-fanout-"));
  const uninstall = installTestNetwork({ hosts: Object.fromEntries(hosts.map((h) => [h, "127.0.0.1"])), caPem: ca.cert });
  let app: ParleyApp | undefined;
  try {
    const latencyMs = options.latencyMs ?? 0;
    inboxes.send({ type: "start", key, cert, expectedHosts: hosts.length, latencyMs });
    const { port } = await inboxes.next("listening", 30_000);
    // Nobody fetches from this instance during the run, so it serves no HTTP.
    app = await createApp(loadConfig({ ...serverEnv(dataDir, 3000), PARLEY_PUBLIC_URL: "https://parley.fanout.test" }));
    app.startQueue();
    const author = await createAuthor(app);
    await seedFollowers(app.database.db, author.id, hosts, port);

    const profile = options.cpuProf ? await startOwnProfile() : null;
    if (options.countStatements) {
      countStatements();
      takeStatementCounts(); // setup's, not counted
    }
    const cpuStart = ownCpuSeconds();
    const mainStart = mainThreadCpuSecondsOf(process.pid);
    const started = performance.now();
    const posted = await app.services.postLocalStatus(
      { accountId: author.id, text: "Fanout benchmark: hello, ten thousand followers #parleybench", visibility: "public" },
      async () => null,
    );
    if (!posted.ok) throw new Error(`could not post: ${posted.message}`);
    const postedAfterS = (performance.now() - started) / 1000;
    let reached: InboxStats;
    let complete = true;
    try {
      reached = await inboxes.next("reached", REACH_DEADLINE_MS);
    } catch {
      complete = false;
      inboxes.send({ type: "stats" });
      reached = await inboxes.next("stats", 10_000);
    }
    const reachedAfterS = (performance.now() - started) / 1000;
    const cpu = ownCpuSeconds() - cpuStart;
    const mainCpu = mainThreadCpuSecondsOf(process.pid) - mainStart;
    const statements = options.countStatements ? takeStatementCounts() : null;
    const memory = memoryOf(process.pid);
    const profilePath = join(tmpdir(), `parley-bench-fanout-${process.pid}.cpuprofile`);
    await profile?.stop(profilePath);

    printFigures(`fanout: one post to ${followers} followers on ${hosts.length} instances${latencyMs ? `, inboxes answering after ${latencyMs} ms` : ""}`, [
      { label: "post committed after", value: postedAfterS * 1000, unit: "ms" },
      { label: "inboxes reached", value: reached.hosts, unit: `of ${hosts.length}` },
      { label: `all inboxes reached after${complete ? "" : " (deadline)"}`, value: reachedAfterS, unit: "s", target: "≤ 3 s" },
      { label: "deliveries per second", value: per(reached.hosts, reachedAfterS), unit: "/s" },
      { label: "Parley CPU, post to last inbox", value: cpu, unit: "CPU-s" },
      { label: "  of which its main thread", value: mainCpu, unit: "CPU-s" },
      { label: "signed deliveries per CPU-second", value: per(reached.hosts, cpu), unit: "/CPU-s", target: "≥ 400" },
      { label: "Parley RSS after the fanout", value: memory.rss / MIB, unit: "MiB", target: "≤ 300 MiB" },
      { label: "Parley peak RSS (VmHWM, seeding included)", value: memory.peakRss / MIB, unit: "MiB", target: "≤ 300 MiB" },
    ], [
      `POSTs received ${reached.deliveries} (retries included), without a Signature header ${reached.unsigned}`,
      "Parley ran in the benchmark's own process; its CPU is process.cpuUsage() over the measured window",
      ...(statements ? statementNotes(statements, reached.deliveries, "delivery") : []),
    ]);
    if (profile) printProfileSummary(profilePath);
  } finally {
    await app?.close();
    await uninstall();
    await inboxes.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
