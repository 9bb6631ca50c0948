// Running Parley's real entry point (src/main.ts) as a child process, the way
// an operator does, on a test database.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import type { DatabaseConfig } from "../../db/index.ts";

export const repoRoot = resolve(import.meta.dirname, "../..");

/** The environment variables that point Parley at a test database. */
export function databaseEnv(config: DatabaseConfig): Record<string, string> {
  return config.kind === "sqlite"
    ? { DATABASE_URL: `sqlite:${config.path}` }
    : { DATABASE_URL: config.url, ...(config.schema ? { PARLEY_DATABASE_SCHEMA: config.schema } : {}) };
}

/** Spawns `node [preload] src/main.ts ...args` with the given environment added. */
export function spawnParley(args: string[], env: Record<string, string>, preload: string[] = []): ChildProcess {
  return spawn(process.execPath, [...preload, "src/main.ts", ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
}

/** Runs a CLI command to completion; returns its exit code and output. */
export async function runParley(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnParley(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.once("exit", (c) => done(c)));
  return { code, stdout, stderr };
}

/** Kills a child with SIGKILL and waits for it to be gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGKILL");
  await exited;
}
