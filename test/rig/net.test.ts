// Proves the rig's network layer (test/rig/net/): a run-time CA, HTTPS servers
// for made-up host names resolved to loopback by the global fetch dispatcher,
// and real Fedify federations finding each other over it with WebFinger,
// document fetches and HTTP signatures, directly and behind a TLS proxy.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createFederation, type Federation, MemoryKvStore } from "@fedify/fedify";
import { Person } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestCa, type TestCa } from "./net/certificates.ts";
import { type RunningServer, startHttpServer, startHttpsServer, startTlsProxy } from "./net/https-server.ts";
import { installTestNetwork, type TestHosts } from "./net/network.ts";

type TestInstance = {
  origin: string; // https://a.parley.test:PORT
  handleHost: string; // a.parley.test:PORT
  federation: Federation<void>;
  signedFetchesBy: string[]; // key owners of verified signed fetches of "carol"
};

const hosts: TestHosts = { "a.parley.test": "127.0.0.1", "b.parley.test": "127.0.0.1" };
const cleanups: Array<() => Promise<void>> = [];
let ca: TestCa;
let a: TestInstance;
let b: TestInstance;

beforeAll(async () => {
  ca = await createTestCa();
  const uninstall = installTestNetwork({ hosts, caPem: ca.cert });
  cleanups.push(uninstall);
  a = await startInstanceOverHttps("a.parley.test");
  b = await startInstanceOverHttps("b.parley.test");
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("test network", () => {
  test("fetch reaches a rig host over HTTPS through the global dispatcher", async () => {
    const response = await fetch(`${a.origin}/.well-known/webfinger?resource=acct:alice@${a.handleHost}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ subject: `acct:alice@${a.handleHost}` });
  });

  test("refuses host names that are not on the rig network", async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): an IP literal skips DNS, so the connector refuses it.
    for (const url of ["https://unknown.parley.test/", "https://example.com/", "http://192.0.2.1/"]) {
      await expect(fetch(url)).rejects.toMatchObject({
        cause: { code: "ENOTFOUND", message: expect.stringContaining("not a rig host") },
      });
    }
  });

  test("lets localhost and loopback addresses through", async () => {
    const plain = await startHttpServer({ fetch: () => new Response("plain") });
    cleanups.push(plain.close);
    for (const host of ["localhost", "127.0.0.1"]) {
      expect(await (await fetch(`http://${host}:${plain.port}/`)).text()).toBe("plain");
    }
  });

  test("trusts only the rig CA", async () => {
    const rogueCa = await createTestCa();
    hosts["rogue.parley.test"] = "127.0.0.1";
    const rogue = await startHttpsServer({
      ...(await rogueCa.issue(["rogue.parley.test"])),
      fetch: () => new Response("should not be reached"),
    });
    cleanups.push(rogue.close);
    await expect(fetch(`https://rogue.parley.test:${rogue.port}/`)).rejects.toMatchObject({
      cause: { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" },
    });
  });

  test("uninstalling restores the previous dispatcher", async () => {
    const uninstallInner = installTestNetwork({ hosts: {}, caPem: ca.cert });
    const url = `${a.origin}/.well-known/webfinger?resource=acct:alice@${a.handleHost}`;
    await expect(fetch(url)).rejects.toMatchObject({ cause: { code: "ENOTFOUND" } });
    await uninstallInner();
    expect((await fetch(url)).status).toBe(200);
  });

  test("a child process started with child-preload.ts joins the network", async () => {
    const dir = await mkdtemp(join(tmpdir(), "parley-rig-net-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const caFile = join(dir, "ca.pem");
    await writeFile(caFile, ca.cert);
    const preload = fileURLToPath(new URL("./net/child-preload.ts", import.meta.url));
    const url = `${a.origin}/.well-known/webfinger?resource=acct:alice@${a.handleHost}`;
    const script = `const r = await fetch(${JSON.stringify(url)}); console.log(r.status, (await r.json()).subject);`;
    // Asynchronous on purpose: the server answering the child runs in this process.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", preload, "--input-type=module", "-e", script],
      { env: { ...process.env, PARLEY_RIG_CA_FILE: caFile, PARLEY_RIG_HOSTS: JSON.stringify(hosts) } },
    );
    expect(stdout.trim()).toBe(`200 acct:alice@${a.handleHost}`);
  });
});

describe("Fedify over the test network", () => {
  test("ctx.lookupWebFinger finds an actor on the other instance", async () => {
    const ctx = b.federation.createContext(new URL(b.origin), undefined);
    const jrd = await ctx.lookupWebFinger(`acct:alice@${a.handleHost}`);
    expect(jrd?.subject).toBe(`acct:alice@${a.handleHost}`);
    expect(jrd?.links?.find((link) => link.rel === "self")?.href).toBe(`${a.origin}/users/alice`);
  });

  test("ctx.lookupObject resolves a handle to the remote actor", async () => {
    const ctx = b.federation.createContext(new URL(b.origin), undefined);
    const actor = await ctx.lookupObject(`@alice@${a.handleHost}`);
    expect(actor).toBeInstanceOf(Person);
    expect(actor?.id?.href).toBe(`${a.origin}/users/alice`);
    expect((actor as Person).preferredUsername).toBe("alice");
  });

  test("a signed fetch is verified by the other instance (real HTTP signatures)", async () => {
    const ctx = b.federation.createContext(new URL(b.origin), undefined);
    // "carol" is only served to signed requests, so the unsigned lookup fails.
    expect(await ctx.lookupObject(`${a.origin}/users/carol`)).toBeNull();
    const documentLoader = await ctx.getDocumentLoader({ identifier: "bob" });
    const carol = await ctx.lookupObject(`${a.origin}/users/carol`, { documentLoader });
    expect(carol?.id?.href).toBe(`${a.origin}/users/carol`);
    // A fetched bob's key from B over HTTPS to verify the signature.
    expect(a.signedFetchesBy).toContain(`${b.origin}/users/bob`);
  });

  test("an instance behind a TLS-terminating proxy answers with its https origin", async () => {
    hosts["c.parley.test"] = "127.0.0.1"; // joins after installation
    const forwarded: Array<{ host?: string; proto?: string; for?: string }> = [];
    let federation: Federation<void> | null = null;
    const upstream = await startHttpServer({
      fetch: (request) => {
        forwarded.push({
          host: request.headers.get("host") ?? undefined,
          proto: request.headers.get("x-forwarded-proto") ?? undefined,
          for: request.headers.get("x-forwarded-for") ?? undefined,
        });
        return serveWith(federation, request);
      },
    });
    cleanups.push(upstream.close);
    const proxy = await startTlsProxy({ upstreamPort: upstream.port, ...(await ca.issue(["c.parley.test"])) });
    cleanups.push(proxy.close);
    const c = createTestInstance("c.parley.test", proxy);
    federation = c.federation;

    const ctx = b.federation.createContext(new URL(b.origin), undefined);
    const jrd = await ctx.lookupWebFinger(`acct:alice@${c.handleHost}`);
    expect(jrd?.links?.find((link) => link.rel === "self")?.href).toBe(`${c.origin}/users/alice`);
    const actor = await ctx.lookupObject(`@alice@${c.handleHost}`);
    expect(actor?.id?.href).toBe(`${c.origin}/users/alice`);
    expect(forwarded[0]).toEqual({ host: c.handleHost, proto: "https", for: "127.0.0.1" });
  });
});

// Starts an HTTPS server for `host`, then the federation that needs its port.
async function startInstanceOverHttps(host: string): Promise<TestInstance> {
  let federation: Federation<void> | null = null;
  const server = await startHttpsServer({
    ...(await ca.issue([host])),
    fetch: (request) => serveWith(federation, request),
  });
  cleanups.push(server.close);
  const instance = createTestInstance(host, server);
  federation = instance.federation;
  return instance;
}

function serveWith(federation: Federation<void> | null, request: Request): Promise<Response> | Response {
  if (federation === null) return new Response("starting", { status: 503 });
  return federation.fetch(request, { contextData: undefined });
}

// A minimal federation: actors alice, bob and carol, where carol is only served
// to requests whose HTTP signature verifies.
function createTestInstance(host: string, server: RunningServer): TestInstance {
  const handleHost = `${host}:${server.port}`;
  const origin = `https://${handleHost}`;
  const signedFetchesBy: string[] = [];
  const federation = createFederation<void>({
    kv: new MemoryKvStore(),
    origin,
    allowPrivateAddress: true,
    skipSignatureVerification: false,
  });
  const keyPairs = new Map<string, Promise<CryptoKeyPair>>();
  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      if (!["alice", "bob", "carol"].includes(identifier)) return null;
      const [keyPair] = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        publicKey: keyPair?.cryptographicKey ?? null,
      });
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => {
      let keyPair = keyPairs.get(identifier);
      if (keyPair === undefined) {
        keyPair = generateRsaKeyPair();
        keyPairs.set(identifier, keyPair);
      }
      return [await keyPair];
    })
    .authorize(async (ctx, identifier) => {
      if (identifier !== "carol") return true;
      const owner = await ctx.getSignedKeyOwner();
      if (owner?.id) signedFetchesBy.push(owner.id.href);
      return owner !== null;
    });
  return { origin, handleHost, federation, signedFetchesBy };
}

// RSA because draft-cavage HTTP Signatures (Fedify's fallback knock) need it; 2048 bits keeps it quick.
function generateRsaKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
}
