// What a new operator does: create an account with the CLI, start the server,
// and find the account's WebFinger, actor and NodeInfo at the public URL.
// The real entry point (src/main.ts) runs as a child process.
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "../../db/index.ts";
import { databaseEnv, killHard, runParley, spawnParley } from "../helpers/child-process.ts";
import { dropTestDatabase, testDatabaseConfig } from "../helpers/database.ts";
import { eventually } from "../rig/rig.ts";

let database: DatabaseConfig;
let env: Record<string, string>;
let server: ChildProcess | null = null;
let port: number;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return port;
}

beforeAll(async () => {
  database = testDatabaseConfig("quickstart");
  port = await freePort();
  env = { ...databaseEnv(database), PORT: String(port), PARLEY_LOG_LEVEL: "error" };
});
afterAll(async () => {
  if (server) await killHard(server);
  await dropTestDatabase(database);
});

describe("quick start", () => {
  it("creates and lists accounts with the operator CLI", async () => {
    const created = await runParley(["accounts", "create", "alice", "--email", "alice@example.com", "--password", "a long password", "--admin"], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`@alice@localhost:${port}`);
    expect(created.stdout).toContain(`http://localhost:${port}/users/alice`);
    const again = await runParley(["accounts", "create", "alice", "--email", "other@example.com", "--password", "a long password"], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Username is already taken");
    const listed = await runParley(["accounts", "list"], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/@alice@localhost:\d+\talice@example\.com\tadmin/);
  });

  it("refuses unknown commands, bad arguments and bad configuration with a clear message", async () => {
    const unknown = await runParley(["frobnicate"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command: frobnicate");
    expect(unknown.stderr).toContain("Usage:");
    const missing = await runParley(["accounts", "create", "bob"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--email and --password");
    const badPort = await runParley(["serve"], { ...env, PORT: "seventy" });
    expect(badPort.code).toBe(78);
    expect(badPort.stderr).toContain("PORT must be a port number");
  });

  it("serves WebFinger, the actor and NodeInfo at the public URL", async () => {
    server = spawnParley(["serve"], env);
    const base = `http://127.0.0.1:${port}`;
    await eventually(() => fetch(`${base}/health`).then((r) => r.ok, () => false), { timeoutMs: 60_000, what: "the server to start" });
    const webfinger = await fetch(`${base}/.well-known/webfinger?resource=acct:alice@localhost:${port}`);
    expect(webfinger.status).toBe(200);
    const jrd = await webfinger.json() as { links: { rel: string; href: string }[] };
    const self = jrd.links.find((l) => l.rel === "self")!;
    expect(self.href).toBe(`http://localhost:${port}/users/alice`);
    const actor = await fetch(`${base}/users/alice`, { headers: { Accept: "application/activity+json" } });
    expect(actor.status).toBe(200);
    expect(((await actor.json()) as { preferredUsername: string }).preferredUsername).toBe("alice");
    const nodeinfo = await (await fetch(`${base}/nodeinfo/2.1`)).json() as { software: { name: string }; usage: { users: { total: number } } };
    expect(nodeinfo.software.name).toBe("parley");
    expect(nodeinfo.usage.users.total).toBe(1);
  });
});
