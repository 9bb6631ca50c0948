// A PostgreSQL cluster of the local binaries, listening on 127.0.0.1 only, for
// the test runner (a throwaway one) and the benchmarks (one kept in a folder,
// so a seeded database can be measured again). PostgreSQL refuses to run as
// root: as root it runs as the postgres user.
import { execFileSync } from "node:child_process";
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";

export interface Cluster {
  /** postgres://... of the cluster's database. */
  url: string;
  /** Process id of the postmaster (its backends are its children). */
  postmasterPid: number;
  /** Stops the server; a throwaway cluster's folder goes too. */
  stop(): void;
}

export interface ClusterOptions {
  /** The database to create (when missing) and name in `url`. */
  database: string;
  /** postgresql.conf lines besides the address, port and socket folder. */
  settings: readonly string[];
  /** A folder to keep the cluster in, reused when it already holds one; absent: a temp folder removed by stop(). */
  dir?: string;
}

/** The newest local PostgreSQL's bin folder holding initdb and pg_ctl, if any. */
export function findPostgresBin(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(base, v, "bin", "initdb")) && existsSync(join(base, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(base, versions[0], "bin");
}

/** A port nobody listens on right now, on 127.0.0.1 (also for the benchmarks' servers). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

// As root: the folder belongs to the postgres user, who must also get through the folders above it.
function handToPostgresUser(dir: string): void {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  chownSync(dir, uid, gid);
  for (let up = dirname(dir); up !== dirname(up); up = dirname(up)) {
    const mode = statSync(up).mode & 0o7777;
    if ((mode & 0o001) === 0) chmodSync(up, mode | 0o011);
  }
}

/** Starts a cluster (created first unless options.dir already holds one); resolves once its database exists. */
export async function startCluster(bin: string, options: ClusterOptions): Promise<Cluster> {
  const throwaway = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "parley-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? ["runuser", "-u", "postgres", "--"] : [];
  const exec = (tool: string, args: string[]) => {
    const [command, ...rest] = [...prefix, join(bin, tool), ...args];
    execFileSync(command!, rest, { stdio: ["ignore", "ignore", "inherit"] });
  };
  mkdirSync(dir, { recursive: true });
  if (asRoot) handToPostgresUser(dir);
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        exec("pg_ctl", ["-D", data, "-m", throwaway ? "immediate" : "fast", "-w", "stop"]);
      } catch {
        // Already gone (Ctrl-C reaches the server too).
      }
    }
    if (throwaway) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    if (!existsSync(join(data, "PG_VERSION"))) exec("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    // A kept cluster's file collects one block per start; the last value of a setting wins.
    appendFileSync(join(data, "postgresql.conf"), [
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      // TCP only: a kept folder's path may be longer than a Unix socket's (107 bytes).
      "unix_socket_directories = ''",
      ...options.settings,
      "",
    ].join("\n"));
    exec("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-t", "120", "start"]);
    started = true;
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    const exists = await admin.query("select 1 from pg_database where datname = $1", [options.database]);
    if (exists.rowCount === 0) await admin.query(`create database ${options.database}`);
    await admin.end();
    const postmasterPid = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
    return { url: `postgres://postgres@127.0.0.1:${port}/${options.database}`, postmasterPid, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
