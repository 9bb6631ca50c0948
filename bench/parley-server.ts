// Runs `node src/main.ts serve` as a child process on loopback, the way an
// operator starts Parley, and waits for its first 200 on GET /health.
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import { resolve } from "node:path";
import { freePort } from "../scripts/postgres-cluster.ts";

const repoRoot = resolve(import.meta.dirname, "..");

export interface ParleyServerOptions {
  /** PARLEY_DATA_DIR: the SQLite database lives there. */
  dataDir: string;
  /** Listening port; a free one when absent. */
  port?: number;
  /** Extra node flags before the script, e.g. --cpu-prof or --import a preload. */
  nodeArgs?: string[];
  /** Extra environment, e.g. the rig network of child-preload.ts. */
  env?: Record<string, string>;
}

export interface ParleyServer {
  pid: number;
  /** Its public URL, http://127.0.0.1:<port>. */
  url: URL;
  /** Milliseconds from spawn() to the first 200 answer of GET /health. */
  readyAfterMs: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process is gone. */
  stop(): Promise<void>;
}

/** The environment of a bench Parley: loopback only, SQLite in dataDir, private addresses allowed. */
export function serverEnv(dataDir: string, port: number): Record<string, string> {
  return {
    PORT: String(port),
    PARLEY_LISTEN_HOST: "127.0.0.1",
    PARLEY_PUBLIC_URL: `http://127.0.0.1:${port}`,
    PARLEY_DATA_DIR: dataDir,
    DATABASE_URL: "",
    PARLEY_ALLOW_PRIVATE_ADDRESS: "true",
    PARLEY_RUN_QUEUE: "true",
    // The benchmarks' senders are one host: the inbox limit per host would measure itself (ADR 20).
    PARLEY_INBOX_RATE_LIMIT: "0",
    // Warnings and errors only: the figures measure Parley, not its log volume.
    PARLEY_LOG_LEVEL: "warning",
  };
}

function healthy(url: URL): Promise<boolean> {
  return new Promise((done) => {
    const request = http.get(new URL("/health", url), { agent: false, timeout: 1_000 }, (response) => {
      response.resume();
      done(response.statusCode === 200);
    });
    request.on("error", () => done(false));
    request.on("timeout", () => request.destroy());
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((done) => child.once("exit", () => done()));
}

/** Spawns `src/main.ts serve` and resolves once /health answers 200 (30 s at most). */
export async function startParleyServer(options: ParleyServerOptions): Promise<ParleyServer> {
  const port = options.port ?? (await freePort());
  const url = new URL(`http://127.0.0.1:${port}`);
  let stderr = "";
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "src/main.ts", "serve"], {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...serverEnv(options.dataDir, port), ...options.env },
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const stop = async () => {
    const gone = exited(child);
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = started + 30_000;
  while (!(await healthy(url))) {
    if (child.exitCode !== null || child.signalCode !== null || performance.now() > deadline) {
      await stop();
      throw new Error(`Parley did not become healthy (exit ${child.exitCode ?? child.signalCode}):\n${stderr}`);
    }
    await new Promise((next) => setTimeout(next, 5));
  }
  return { pid: child.pid!, url, readyAfterMs: performance.now() - started, stop };
}
