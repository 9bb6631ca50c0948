// `npm test`: typechecks, provides a PostgreSQL server (the one named by
// PARLEY_TEST_POSTGRES_URL, else a throwaway cluster from the local PostgreSQL
// binaries), then runs vitest, which runs the suite on SQLite and PostgreSQL.
// Extra arguments go to vitest: `npm test -- test/db`.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { constants, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";

interface Cluster {
  url: string;
  stop(): void;
}

const root = resolve(import.meta.dirname, "..");

/** Runs a command with inherited output; resolves with its exit code. */
function run(command: string, args: string[], children: Set<ChildProcess>, env = process.env): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    children.add(child);
    child.on("exit", (code, signal) => {
      children.delete(child);
      done(code ?? (signal ? 128 + constants.signals[signal] : 1));
    });
  });
}

/** The newest local PostgreSQL's bin folder holding initdb and pg_ctl, if any. */
function findPostgresBin(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(base, v, "bin", "initdb")) && existsSync(join(base, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(base, versions[0], "bin");
}

/** A port nobody listens on right now, on loopback. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** Starts a throwaway cluster in a temp folder (as user postgres when we are root). */
async function startCluster(bin: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), "parley-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root.
  const prefix = asRoot ? ["runuser", "-u", "postgres", "--"] : [];
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const exec = (tool: string, args: string[]) => {
    const [command, ...rest] = [...prefix, join(bin, tool), ...args];
    execFileSync(command!, rest, { stdio: ["ignore", "ignore", "inherit"] });
  };
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        exec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already gone (Ctrl-C reaches the server too); the folder goes anyway.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    exec("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    appendFileSync(join(data, "postgresql.conf"), [
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${dir}'`,
      "fsync = off",
      "synchronous_commit = off",
      "full_page_writes = off",
      "max_connections = 300",
      "",
    ].join("\n"));
    exec("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
    started = true;
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query("CREATE DATABASE parley_test");
    await admin.end();
    return { url: `postgres://postgres@127.0.0.1:${port}/parley_test`, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

function warnSqliteOnly(reason: string): void {
  const line = "!".repeat(78);
  console.error(`\n${line}\n!!! ${reason}\n!!! ONLY SQLITE RAN. The PostgreSQL half of the suite was SKIPPED.\n` +
    `!!! Install PostgreSQL (apt-get install postgresql) or set PARLEY_TEST_POSTGRES_URL.\n${line}\n`);
}

async function main(): Promise<number> {
  const children = new Set<ChildProcess>();
  const typecheck = run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "."], children);
  let cluster: Cluster | undefined;
  let postgresUrl = process.env.PARLEY_TEST_POSTGRES_URL;
  // Ctrl-C or SIGTERM: stop the children and the cluster, then leave.
  const onInterrupt = (signal: NodeJS.Signals) => {
    for (const child of children) child.kill("SIGTERM");
    cluster?.stop();
    process.exit(128 + constants.signals[signal]);
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onInterrupt);
  try {
    if (!postgresUrl) {
      const bin = findPostgresBin();
      if (bin) {
        cluster = await startCluster(bin);
        postgresUrl = cluster.url;
        console.log(`run-tests: throwaway PostgreSQL at ${postgresUrl}`);
      }
    }
    const typecheckCode = await typecheck;
    if (typecheckCode !== 0) {
      console.error("run-tests: typecheck failed (tsc -p .); not running the tests.");
      return typecheckCode;
    }
    const env = { ...process.env, ...(postgresUrl ? { PARLEY_TEST_POSTGRES_URL: postgresUrl } : {}) };
    if (!postgresUrl) warnSqliteOnly("No PostgreSQL found (no PARLEY_TEST_POSTGRES_URL, nothing in /usr/lib/postgresql).");
    const vitest = [join(root, "node_modules/vitest/vitest.mjs"), "run", ...process.argv.slice(2)];
    const code = await run(process.execPath, vitest, children, env);
    if (!postgresUrl) warnSqliteOnly("Reminder: no PostgreSQL.");
    return code;
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
    cluster?.stop();
  }
}

process.exitCode = await main();
