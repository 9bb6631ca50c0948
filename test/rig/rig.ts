// The federation test rig: several real Parley instances in one process, each
// with its own database, served over real HTTPS on loopback under names like
// a.parley.test, federating with real WebFinger and real HTTP signatures.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Activity } from "@fedify/vocab";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { toRecipient } from "../../federation/outbound/recipients.ts";
import type { StatusRow } from "../../db/queries/statuses.ts";
import type { LocalPost } from "../../src/services/statuses/post-local-status.ts";
import { resolveHandle } from "../../federation/resolve/resolve-handle.ts";
import { createApp, type ParleyApp } from "../../src/app.ts";
import type { Config } from "../../src/config.ts";
import { STRICT_RATE_LIMITS_OFF } from "../helpers/app.ts";
import { dropTestDatabase, testDatabaseConfig } from "../helpers/database.ts";
import { createTestCa } from "./net/certificates.ts";
import { type RunningServer, startHttpServer, startHttpsServer, startTlsProxy } from "./net/https-server.ts";
import { installTestNetwork } from "./net/network.ts";

export interface RigInstance {
  name: string;
  /** Host with port, as in handles. */
  host: string;
  url: URL;
  app: ParleyApp;
  /** Creates a local account; returns its row. */
  createAccount(username: string, options?: { locked?: boolean }): Promise<AccountRow>;
  /** Resolves @user@host through this instance (WebFinger), storing the remote account. */
  resolve(handle: string): Promise<AccountRow>;
  /**
   * Takes the instance down (every request answered 503, as a proxy in front of a
   * stopped server does) and back up. The port stays bound: closing it would let a
   * test running in parallel take it, and deliveries would reach a stranger.
   */
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  /** Posts as a local account, mentions resolved over federation as the API does. */
  post(author: AccountRow, text: string, options?: Partial<Omit<LocalPost, "accountId" | "text">>): Promise<StatusRow>;
}

export interface Rig {
  instances: RigInstance[];
  /** The rig CA certificate (PEM) and host map, for child processes (child-preload.ts). */
  caPem: string;
  hosts: Record<string, string>;
  /** Waits until every outbox and delivery queue of the rig is empty. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Polls fn until it returns a truthy value or the deadline passes (no sleeps in tests). */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, { timeoutMs = 20_000, what = "condition" } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 100);
  }
}

async function pendingWork(app: ParleyApp): Promise<number> {
  const db = app.database.db;
  const [outbox, queue] = await Promise.all([
    db.selectFrom("outbox_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    db.selectFrom("fedify_messages").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return Number(outbox.n) + Number(queue.n);
}

/** Starts `names.length` instances (default a and b) and installs the rig's network. */
export async function startRig(
  names: string[] = ["a", "b"],
  overrides: Partial<Config> = {},
  perInstance: Record<string, Partial<Config>> = {},
  options: { behindProxy?: string[] } = {},
): Promise<Rig> {
  const ca = await createTestCa();
  const hosts: Record<string, string> = {};
  for (const name of names) hosts[`${name}.parley.test`] = "127.0.0.1";
  const uninstall = installTestNetwork({ hosts, caPem: ca.cert });
  const { key, cert } = await ca.issue(Object.keys(hosts));
  const servers = new Map<string, RunningServer>();
  const upstreams: RunningServer[] = [];
  const dataDirs: string[] = [];
  const instances: RigInstance[] = [];

  for (const name of names) {
    let handler: (request: Request) => Response | Promise<Response> = () => new Response("starting", { status: 503 });
    let down = false;
    const fetch = (request: Request) => (down ? new Response("Service Unavailable", { status: 503 }) : handler(request));
    let upgrader: ParleyApp["upgrade"] | null = null;
    const upgrade: ParleyApp["upgrade"] = (request, socket, head) => (upgrader ? upgrader(request, socket, head) : socket.destroy());
    // Behind a proxy: Parley speaks plain http on loopback, the proxy terminates TLS.
    const upstream = options.behindProxy?.includes(name) ? await startHttpServer({ fetch, upgrade }) : null;
    if (upstream) upstreams.push(upstream);
    const server = upstream
      ? await startTlsProxy({ upstreamPort: upstream.port, key, cert })
      : await startHttpsServer({ fetch, upgrade, key, cert });
    const port = server.port;
    servers.set(name, server);
    const url = new URL(`https://${name}.parley.test:${port}`);
    const database = testDatabaseConfig(`rig_${name}`);
    const dataDir = mkdtempSync(join(tmpdir(), `parley-rig-${name}-`));
    dataDirs.push(dataDir);
    const app = await createApp({
      port,
      host: "127.0.0.1",
      publicUrl: url,
      dataDir,
      database,
      allowPrivateAddress: true,
      runQueue: true,
      logLevel: "warning",
      registrations: "closed",
      rateLimitOverrides: STRICT_RATE_LIMITS_OFF,
      ...overrides,
      ...perInstance[name],
    });
    handler = app.fetch;
    upgrader = app.upgrade;
    if (app.config.runQueue) app.startQueue();
    let counter = 0;
    instances.push({
      name,
      host: url.host,
      url,
      app,
      async createAccount(username, options = {}) {
        const created = await app.services.createLocalAccount({
          username,
          email: `${username}.${++counter}@${name}.parley.test`,
          password: "correct horse battery staple",
          locked: options.locked ?? false,
        });
        if (!created.ok) throw new Error(created.message);
        return (await app.database.db.selectFrom("accounts").selectAll().where("id", "=", created.value.id).executeTakeFirstOrThrow());
      },
      async resolve(handle) {
        const ctx = app.federation.createContext(url, app.contextData);
        const account = await resolveHandle(ctx, handle);
        if (!account) throw new Error(`${name} could not resolve ${handle}`);
        return account;
      },
      async goOffline() {
        down = true;
      },
      async goOnline() {
        down = false;
      },
      async post(author, text, options = {}) {
        const ctx = app.federation.createContext(url, app.contextData);
        const posted = await app.services.postLocalStatus(
          { accountId: author.id, text, visibility: "public", ...options },
          (handle) => resolveHandle(ctx, handle),
        );
        if (!posted.ok) throw new Error(posted.message);
        return posted.value;
      },
    });
  }

  return {
    instances,
    caPem: ca.cert,
    hosts,
    async settle() {
      // Two quiet looks in a row: a delivery can enqueue more work on arrival.
      let quiet = 0;
      await eventually(async () => {
        const work = await Promise.all(instances.map((i) => pendingWork(i.app)));
        quiet = work.every((n) => n === 0) ? quiet + 1 : 0;
        return quiet >= 2;
      }, { what: "the rig to settle" });
    },
    async close() {
      for (const server of [...servers.values(), ...upstreams]) await server.close();
      for (const instance of instances) {
        await instance.app.close();
        await dropTestDatabase(instance.app.database.config);
      }
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
      await uninstall();
    },
  };
}

/** Makes follower (on `from`) follow target (on `to`) over federation and waits for the answer. */
export async function followAcross(rig: Rig, from: RigInstance, follower: AccountRow, to: RigInstance, target: AccountRow): Promise<AccountRow> {
  const targetThere = await from.resolve(`@${target.username}@${to.host}`);
  const result = await from.app.services.followAccount({ followerId: follower.id, targetId: targetThere.id, origin: "local" });
  if (!result.ok) throw new Error(result.message);
  await rig.settle();
  return targetThere;
}

/** Sends a hand-made activity, signed with a real local actor's keys, to the inbox of handle's account. */
export async function sendRaw(rig: Rig, from: RigInstance, username: string, toHandle: string, activity: Activity): Promise<void> {
  const ctx = from.app.federation.createContext(from.url, from.app.contextData);
  const recipient = await from.resolve(toHandle);
  await ctx.sendActivity({ identifier: username }, [toRecipient(recipient)], activity);
  await rig.settle();
}
