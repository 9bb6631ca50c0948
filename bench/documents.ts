// Documents benchmark: what other servers read most from a Parley, the actor
// document (as activity+json), WebFinger and NodeInfo, from one Parley
// (`src/main.ts serve`, SQLite) loaded by a second process (api-load-client.ts)
// round-robin over 50 local accounts. Reports answers per second and per
// CPU-second of the Parley process.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.ts";
import { createApp } from "../src/app.ts";
import type { BenchOptions } from "./options.ts";
import { type LoadRequest, type LoadResult, runLoad, startLoadClient } from "./api-load.ts";
import { freePort } from "../scripts/postgres-cluster.ts";
import { serverEnv, startParleyServer } from "./parley-server.ts";
import { cpuSecondsOf } from "./proc.ts";
import { printProfileSummary } from "./profile-summary.ts";
import { type Figure, per, printFigures } from "./report.ts";

const ACCOUNTS = 50;
const REQUESTS = 20_000;
const SECONDS = 15;

/** Creates the local accounts (with their key pairs) before the server starts. */
async function seedAccounts(dataDir: string, port: number): Promise<string[]> {
  const app = await createApp({ ...loadConfig(serverEnv(dataDir, port)), runQueue: false });
  try {
    const usernames: string[] = [];
    for (let n = 0; n < ACCOUNTS; n++) {
      const username = `user${n}`;
      const created = await app.services.createLocalAccount({ username, email: `${username}@bench.invalid`, password: "correct horse battery staple" });
      if (!created.ok) throw new Error(`could not create @${username}: ${created.message}`);
      const updated = await app.services.updateProfile(created.value.id, {
        displayName: `User ${n}`,
        note: `Posts about federation benchmarks, number ${n}.`,
        fields: [{ name: "Website", value: `https://user${n}.example`, verifiedAt: null }],
      });
      if (!updated.ok) throw new Error(updated.message);
      usernames.push(username);
    }
    await app.outbox.drain();
    return usernames;
  } finally {
    await app.close();
  }
}

/** Runs the documents benchmark and prints its figures. */
export async function runDocuments(options: BenchOptions): Promise<void> {
  const concurrency = options.concurrency ?? 8;
  const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-documents-"));
  const profileDir = options.cpuProf ? mkdtempSync(join(tmpdir(), "parley-bench-prof-")) : null;
  const client = await startLoadClient();
  try {
    const port = await freePort();
    const usernames = await seedAccounts(dataDir, port);
    const host = `127.0.0.1:${port}`;
    const kinds: { label: string; requests: LoadRequest[] }[] = [
      {
        label: "actor document (GET /users/:name, activity+json)",
        requests: usernames.map((u) => ({ path: `/users/${u}`, headers: { accept: "application/activity+json" } })),
      },
      {
        label: "WebFinger (acct:name@host)",
        requests: usernames.map((u) => ({ path: `/.well-known/webfinger?resource=acct:${u}@${host}`, headers: { accept: "application/jrd+json" } })),
      },
      { label: "NodeInfo 2.1", requests: [{ path: "/nodeinfo/2.1", headers: { accept: "application/json" } }] },
    ];
    const server = await startParleyServer({
      dataDir, port,
      nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
      env: { PARLEY_RUN_QUEUE: "false" },
    });
    const results: { label: string; result: LoadResult }[] = [];
    const loadBefore = loadavg()[0]!;
    try {
      const origin = server.url.origin;
      const cpu = { server: () => cpuSecondsOf(server.pid) };
      for (const kind of kinds) {
        await runLoad(client, { origin, requests: kind.requests, concurrency, maxRequests: 1_000, maxSeconds: SECONDS, cpu });
        results.push({ label: kind.label, result: await runLoad(client, { origin, requests: kind.requests, concurrency, maxRequests: REQUESTS, maxSeconds: SECONDS, cpu }) });
      }
    } finally {
      await server.stop();
    }
    const figures: Figure[] = results.flatMap(({ label, result }) => [
      { label: `${label}: answered 200`, value: result.ok, unit: `of ${result.requests}` },
      { label: `${label}: per second`, value: result.perSecond, unit: "/s" },
      { label: `${label}: latency p50`, value: result.p50, unit: "ms" },
      { label: `${label}: latency p99`, value: result.p99, unit: "ms" },
      { label: `${label}: Parley CPU`, value: result.cpuS.server!, unit: "CPU-s" },
      { label: `${label}: per Parley CPU-second`, value: per(result.ok, result.cpuS.server!), unit: "/CPU-s", target: "≥ 3,000" },
    ]);
    printFigures(`documents: ${ACCOUNTS} local accounts, SQLite, concurrency ${concurrency}`, figures, [
      `each: ${REQUESTS} requests or ${SECONDS} s after 1,000 of warm-up, from another process (undici, keep-alive), round-robin over the accounts`,
      `load generator CPU (not counted above): ${results.map((r) => r.result.clientCpuS.toFixed(2)).join(" / ")} CPU-s`,
      `load average (1 min) before and after: ${loadBefore.toFixed(2)}, ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`,
    ]);
    if (profileDir) for (const file of readdirSync(profileDir)) printProfileSummary(join(profileDir, file));
  } finally {
    await client.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
