// The load generator of the timeline and documents benchmarks, a second
// process: GETs a list of requests round-robin over keep-alive connections
// (undici) with a fixed concurrency, bounded in count and in time, and times
// each one. Driven by its parent over IPC (api-load.ts).
import { Pool } from "undici";
import { ownCpuSeconds } from "./proc.ts";

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
}

/** Parent -> client. */
export interface LoadCommand {
  type: "run";
  origin: string;
  requests: LoadRequest[];
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
}

/** Client -> parent. */
export type LoadMessage =
  | { type: "ready" }
  | {
    type: "done";
    latenciesMs: number[];
    statuses: Record<string, number>;
    bytes: number;
    /** Length of the JSON array answered by each request path (its first answer), when it is one. */
    itemsByPath: Record<string, number>;
    elapsedMs: number;
    cpuSeconds: number;
  };

const send = (message: LoadMessage) => process.send!(message);

async function run(command: LoadCommand): Promise<void> {
  const pool = new Pool(command.origin, { connections: command.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const itemsByPath: Record<string, number> = {};
  let bytes = 0;
  let issued = 0;
  const cpuStart = ownCpuSeconds();
  const started = performance.now();
  const deadline = started + command.maxSeconds * 1000;
  const worker = async () => {
    while (issued < command.maxRequests && performance.now() < deadline) {
      const request = command.requests[issued++ % command.requests.length]!;
      const sent = performance.now();
      const response = await pool.request({ method: "GET", path: request.path, headers: request.headers });
      const body = Buffer.from(await response.body.arrayBuffer());
      latenciesMs.push(performance.now() - sent);
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      bytes += body.length;
      if (!(request.path in itemsByPath)) {
        const parsed = response.statusCode === 200 ? (JSON.parse(body.toString("utf8")) as unknown) : null;
        itemsByPath[request.path] = Array.isArray(parsed) ? parsed.length : -1;
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  await pool.close();
  send({ type: "done", latenciesMs, statuses, bytes, itemsByPath, elapsedMs, cpuSeconds: ownCpuSeconds() - cpuStart });
}

process.on("message", (command: LoadCommand) => {
  if (command.type === "run") {
    run(command).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  }
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
