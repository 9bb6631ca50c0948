// The parent's side of the load generator (api-load-client.ts): runs one
// bounded load and reads the CPU seconds the measured processes used meanwhile.
import { forkHelper, type Helper } from "./child-ipc.ts";
import type { LoadCommand, LoadMessage, LoadRequest } from "./api-load-client.ts";
import { per, percentile } from "./report.ts";

export type { LoadRequest };

export interface LoadClient {
  helper: Helper<LoadCommand, LoadMessage>;
  stop(): Promise<void>;
}

export interface LoadSpec {
  origin: string;
  requests: LoadRequest[];
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
  /** CPU seconds used so far by each measured process (or group of processes), by name. */
  cpu: Record<string, () => number>;
}

export interface LoadResult {
  requests: number;
  /** Requests answered 200. */
  ok: number;
  statuses: Record<string, number>;
  elapsedS: number;
  perSecond: number | null;
  p50: number | null;
  p99: number | null;
  /** CPU seconds of each measured process over the load, by name. */
  cpuS: Record<string, number>;
  clientCpuS: number;
  bytes: number;
  itemsByPath: Record<string, number>;
}

/** Forks the load generator and waits until it is ready. */
export async function startLoadClient(): Promise<LoadClient> {
  const helper = forkHelper<LoadCommand, LoadMessage>("api-load-client.ts");
  await helper.next("ready", 30_000);
  return { helper, stop: () => helper.stop() };
}

/** Runs one load and returns its figures. */
export async function runLoad(client: LoadClient, spec: LoadSpec): Promise<LoadResult> {
  const before = Object.fromEntries(Object.entries(spec.cpu).map(([name, read]) => [name, read()]));
  client.helper.send({
    type: "run", origin: spec.origin, requests: spec.requests, concurrency: spec.concurrency, maxRequests: spec.maxRequests, maxSeconds: spec.maxSeconds,
  });
  const done = await client.helper.next("done", (spec.maxSeconds + 60) * 1000);
  const cpuS = Object.fromEntries(Object.entries(spec.cpu).map(([name, read]) => [name, read() - before[name]!]));
  const elapsedS = done.elapsedMs / 1000;
  return {
    requests: done.latenciesMs.length,
    ok: done.statuses["200"] ?? 0,
    statuses: done.statuses,
    elapsedS,
    perSecond: per(done.latenciesMs.length, elapsedS),
    p50: percentile(done.latenciesMs, 50),
    p99: percentile(done.latenciesMs, 99),
    cpuS,
    clientCpuS: done.cpuSeconds,
    bytes: done.bytes,
    itemsByPath: done.itemsByPath,
  };
}
