// `npm test`: typechecks, provides a PostgreSQL server (the one named by
// PARLEY_TEST_POSTGRES_URL, else a throwaway cluster from the local PostgreSQL
// binaries), then runs vitest, which runs the suite on SQLite and PostgreSQL.
// Extra arguments go to vitest: `npm test -- test/db`.
import { type ChildProcess, spawn } from "node:child_process";
import { constants } from "node:os";
import { join, resolve } from "node:path";
import { type Cluster, findPostgresBin, startCluster } from "./postgres-cluster.ts";

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
        cluster = await startCluster(bin, {
          database: "parley_test",
          settings: ["fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 300"],
        });
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
