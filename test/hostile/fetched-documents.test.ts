// Hostile input, fetched documents (issue 4): what Parley's document loaders
// (federation/fetch/document-loader.ts) take from remote servers. Real HTTP to
// loopback servers, with the private-address check ON: only 127.0.0.2, where
// the "public" server listens, is let through; the "private" server on
// 127.0.0.1 counts its hits, which must stay zero. DNS is the test's own.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LookupAddress } from "node:dns";
import { generateCryptoKeyPair, MemoryKvStore } from "@fedify/fedify";
import { afterAll, beforeAll, expect } from "vitest";
import { documentLoaders, type FetchPolicy, MAX_DOCUMENT_BYTES, MAX_REDIRECTS } from "../../federation/fetch/document-loader.ts";
import { webFingerLookup } from "../../federation/fetch/webfinger.ts";
import { resolveHandle } from "../../federation/resolve/resolve-handle.ts";
import { startTestApp } from "../helpers/app.ts";
import { type HostileCase, runTable } from "./table.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
interface Loopback { port: number; hits: string[]; close(): Promise<void> }

async function listen(host: string, handler: Handler): Promise<Loopback> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const AS = "application/activity+json";
const note = (id: string) => JSON.stringify({ "@context": "https://www.w3.org/ns/activitystreams", id, type: "Note", content: "hi" });
const big = (bytes: number) => JSON.stringify({ "@context": "https://www.w3.org/ns/activitystreams", type: "Note", content: "x".repeat(bytes) });

let open: Loopback; // 127.0.0.2, allowed
let closed: Loopback; // 127.0.0.1, must never be reached
let policy: FetchPolicy;
let rebindAnswers = 0;

// The "public" server: one route per kind of answer.
const routes: Record<string, Handler> = {
  "/note": (req, res) => res.writeHead(200, { "Content-Type": AS }).end(note(`http://public.test:${open.port}${req.url}`)),
  "/ld-profile": (_req, res) =>
    res.writeHead(200, { "Content-Type": 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"' }).end(note("x")),
  "/ld-plain": (_req, res) => res.writeHead(200, { "Content-Type": "application/ld+json" }).end(note("x")),
  "/json": (_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end(note("x")),
  "/html": (_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<html><body>hello</body></html>"),
  "/untyped": (_req, res) => res.writeHead(200).end(note("x")),
  "/big-declared": (_req, res) => res.writeHead(200, { "Content-Type": AS }).end(big(2 * MAX_DOCUMENT_BYTES)),
  "/big-streamed": (_req, res) => {
    res.writeHead(200, { "Content-Type": AS, "Transfer-Encoding": "chunked" });
    const chunk = "x".repeat(64 * 1024);
    let sent = 0;
    const push = () => {
      while (sent < 4 * MAX_DOCUMENT_BYTES) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", push);
      }
      res.end();
    };
    res.write('{"content":"');
    push();
  },
  "/just-under": (_req, res) => res.writeHead(200, { "Content-Type": AS }).end(big(MAX_DOCUMENT_BYTES - 200)),
  "/gone": (_req, res) => res.writeHead(410, { "Content-Type": AS }).end("{}"),
  "/missing": (_req, res) => res.writeHead(404).end(),
  "/signed": (req, res) => res.writeHead(req.headers.signature ? 200 : 401, { "Content-Type": AS }).end(note("x")),
  "/loop": (_req, res) => res.writeHead(302, { Location: "/loop" }).end(),
  "/page": (_req, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(page("/note")),
  "/page-to-private": (_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end(page(priv())),
  "/page-to-page": (_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end(page("/page")),
};

/** A web page naming its ActivityStreams document, as Mastodon's pages do. */
const page = (href: string) => `<html><head><link rel="alternate" type="application/activity+json" href="${href}"></head><body>post</body></html>`;

let lastUserAgent = "";

function publicServer(req: IncomingMessage, res: ServerResponse): void {
  lastUserAgent = req.headers["user-agent"] ?? "";
  const url = new URL(req.url ?? "/", "http://x");
  const hop = /^\/hops\/(\d+)$/.exec(url.pathname);
  if (hop) {
    const left = Number(hop[1]);
    res.writeHead(302, { Location: left > 0 ? `/hops/${left - 1}` : "/note" }).end();
    return;
  }
  if (url.pathname === "/to") {
    res.writeHead(302, { Location: url.searchParams.get("u") ?? "/" }).end();
    return;
  }
  (routes[url.pathname] ?? ((_q, r) => r.writeHead(404).end()))(req, res);
}

const answers: Record<string, string[]> = {
  "public.test": ["127.0.0.2"],
  "private.test": ["127.0.0.1"],
  "localhost": ["127.0.0.1"],
  "metadata.test": ["169.254.169.254"],
  "ten.test": ["10.0.0.1"],
  "mixed.test": ["127.0.0.2", "192.168.1.1"],
};

async function testLookup(hostname: string): Promise<LookupAddress[]> {
  // Rebinding: the first answer is the allowed address, every later one is loopback.
  if (hostname === "rebind.test") return [{ address: rebindAnswers++ === 0 ? "127.0.0.2" : "127.0.0.1", family: 4 }];
  const found = answers[hostname];
  if (!found) throw Object.assign(new Error(`test DNS: no ${hostname}`), { code: "ENOTFOUND" });
  return found.map((address) => ({ address, family: 4 }));
}

const loaders = () => documentLoaders(policy, new MemoryKvStore());
const pub = (path: string) => `http://public.test:${open.port}${path}`;
const priv = (host = "127.0.0.1") => `http://${host}:${closed.port}/secret`;

/** The document loads; its id or content is there. */
const loads = (name: string, url: () => string, kind: "document" | "context" = "document"): HostileCase => ({
  name,
  async run() {
    const loaded = await loaders()[kind]()(url());
    expect(loaded.document).toMatchObject({ type: "Note" });
  },
});

/** The load is refused with an error matching `reason`, and the private server saw nothing. */
const refused = (name: string, url: () => string, reason: RegExp, kind: "document" | "context" = "document"): HostileCase => ({
  name,
  async run() {
    const before = closed.hits.length;
    const error = await loaders()[kind]()(url()).then(() => null, (e: unknown) => e);
    expect(error, `${name} must be refused`).toBeInstanceOf(Error);
    expect(String((error as Error).message) + String((error as Error).cause ?? "")).toMatch(reason);
    expect(closed.hits.length).toBe(before);
  },
});

const PRIVATE = /private address/;

const cases: HostileCase[] = [
  // Media types
  loads("activity+json is taken", () => pub("/note")),
  loads("ld+json with the ActivityStreams profile is taken", () => pub("/ld-profile")),
  refused("ld+json without the profile is refused", () => pub("/ld-plain"), /Not an ActivityStreams document/),
  refused("application/json is refused", () => pub("/json"), /Not an ActivityStreams document/),
  refused("text/html is refused", () => pub("/html"), /Not an ActivityStreams document/),
  loads("a web page's alternate ActivityStreams document is taken", () => pub("/page")),
  refused("a web page's alternate on a private address is refused", () => pub("/page-to-private"), PRIVATE),
  refused("a web page whose alternate is another page is refused", () => pub("/page-to-page"), /Not an ActivityStreams document/),
  refused("a document without a media type is refused", () => pub("/untyped"), /no media type/),
  loads("a JSON-LD context may be plain ld+json", () => pub("/ld-plain"), "context"),
  refused("a JSON-LD context may not be HTML", () => pub("/html"), /Not an ActivityStreams document/, "context"),
  // Size
  refused("a body declared over 1 MiB is refused", () => pub("/big-declared"), /too large/),
  refused("a streamed body over 1 MiB is refused", () => pub("/big-streamed"), /too large/),
  loads("a body just under 1 MiB is taken", () => pub("/just-under")),
  // HTTP errors keep their status (410 lets a gone actor's Delete through)
  {
    name: "410 Gone is an error that carries the response",
    async run() {
      const error = await loaders().document()(pub("/gone")).catch((e: { response?: Response }) => e);
      expect((error as { response?: Response }).response?.status).toBe(410);
    },
  },
  refused("404 is an error", () => pub("/missing"), /HTTP 404/),
  // Schemes
  refused("file: is refused", () => "file:///etc/passwd", /Unsupported protocol/),
  refused("data: is refused", () => `data:${AS},${encodeURIComponent(note("x"))}`, /Unsupported protocol/),
  refused("ftp: is refused", () => "ftp://public.test/x", /Unsupported protocol/),
  // Private addresses, direct
  refused("loopback by IP literal", () => priv(), PRIVATE),
  refused("loopback by name", () => priv("localhost"), PRIVATE),
  refused("loopback through DNS", () => priv("private.test"), PRIVATE),
  refused("IPv6 loopback", () => `http://[::1]:${closed.port}/secret`, PRIVATE),
  refused("IPv4-mapped IPv6 loopback", () => `http://[::ffff:127.0.0.1]:${closed.port}/secret`, PRIVATE),
  refused("cloud metadata by IP literal", () => "http://169.254.169.254/latest/meta-data/", PRIVATE),
  refused("cloud metadata through DNS", () => "http://metadata.test/latest/meta-data/", PRIVATE),
  refused("RFC 1918 through DNS", () => "http://ten.test/", PRIVATE),
  refused("a name with one private answer among public ones", () => `http://mixed.test:${closed.port}/secret`, PRIVATE),
  // Private addresses, after a redirect
  refused("redirect to loopback", () => pub(`/to?u=${encodeURIComponent(priv())}`), PRIVATE),
  refused("redirect to a name resolving to loopback", () => pub(`/to?u=${encodeURIComponent(priv("private.test"))}`), PRIVATE),
  refused("redirect to cloud metadata", () => pub(`/to?u=${encodeURIComponent("http://169.254.169.254/latest/meta-data/")}`), PRIVATE),
  refused("redirect to file:", () => pub(`/to?u=${encodeURIComponent("file:///etc/passwd")}`), /Unsupported protocol/),
  // DNS that changes between a check and the connection
  {
    name: "DNS rebinding: the address checked is the address connected to",
    async run() {
      rebindAnswers = 0;
      const before = closed.hits.length;
      // The first answer (allowed) is what the connection uses: nothing listens
      // there on the private server's port, so the load fails without reaching it.
      await expect(loaders().document()(`http://rebind.test:${closed.port}/secret`)).rejects.toThrow();
      expect(rebindAnswers).toBe(1);
      expect(closed.hits.length).toBe(before);
    },
  },
  // Redirects, bounded
  loads(`${MAX_REDIRECTS} redirects are followed`, () => pub(`/hops/${MAX_REDIRECTS - 1}`)),
  refused(`${MAX_REDIRECTS + 1} redirects are too many`, () => pub(`/hops/${MAX_REDIRECTS}`), /Too many redirects/),
  refused("a redirect loop ends", () => pub("/loop"), /Too many redirects/),
  // Signed fetches follow the same rules
  {
    name: "a signed fetch is signed and bounded like the others",
    async run() {
      const { privateKey } = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
      const signed = loaders().authenticated({ keyId: new URL("https://parley.test/users/a#main-key"), privateKey });
      expect((await signed(pub("/signed"))).document).toMatchObject({ type: "Note" });
      await expect(signed(pub("/big-declared"))).rejects.toThrow(/too large/);
      const before = closed.hits.length;
      await expect(signed(priv())).rejects.toThrow(PRIVATE);
      expect(closed.hits.length).toBe(before);
    },
  },
  // Handles: WebFinger (https only) under the same policy
  ...([
    ["a handle on a loopback IP literal", () => `acct:someone@127.0.0.1:${closed.port}`],
    ["a handle on a name resolving to loopback", () => `acct:someone@private.test:${closed.port}`],
    ["a handle on cloud metadata", () => "acct:someone@metadata.test"],
    ["a handle whose DNS answer changes after the first", () => `acct:someone@rebind.test:${closed.port}`],
  ] as const).map(([name, handle]): HostileCase => ({
    name: `WebFinger: ${name}`,
    async run() {
      rebindAnswers = 0;
      const before = closed.hits.length;
      expect(await webFingerLookup(policy)(handle()).catch(() => null)).toBeNull();
      expect(closed.hits.length).toBe(before);
    },
  })),
  {
    name: "WebFinger: a handle with a path, query or second @ is not looked up",
    async run() {
      const finger = webFingerLookup(policy);
      for (const handle of ["acct:x@public.test/evil", "acct:x@public.test?x=1", "acct:x@y@public.test", "https://public.test/x"]) {
        expect(await finger(handle)).toBeNull();
      }
      expect(open.hits.filter((h) => h.includes("webfinger"))).toEqual([]);
    },
  },
  // The instance uses these loaders, with the check on outside tests
  {
    name: "an instance refuses private addresses in lookups and key fetches",
    async run() {
      const app = await startTestApp("https://parley.test", { allowPrivateAddress: false });
      try {
        const ctx = app.federation.createContext(new URL("https://parley.test"), app.contextData);
        const before = closed.hits.length;
        expect(await ctx.lookupObject(priv()).catch(() => null)).toBeNull();
        await expect(ctx.documentLoader(priv())).rejects.toThrow(PRIVATE);
        expect(await resolveHandle(ctx, `someone@127.0.0.1:${closed.port}`)).toBeNull();
        expect(closed.hits.length).toBe(before);
      } finally {
        await app.dispose();
      }
    },
  },
  {
    name: "an instance's loaders refuse wrong media types and oversized bodies",
    async run() {
      // Private addresses allowed, only so that this instance reaches the loopback server.
      const app = await startTestApp("https://parley.test", { allowPrivateAddress: true });
      try {
        const ctx = app.federation.createContext(new URL("https://parley.test"), app.contextData);
        await expect(ctx.documentLoader(`http://127.0.0.2:${open.port}/json`)).rejects.toThrow(/Not an ActivityStreams document/);
        await expect(ctx.documentLoader(`http://127.0.0.2:${open.port}/big-declared`)).rejects.toThrow(/too large/);
        expect(await ctx.lookupObject(`http://127.0.0.2:${open.port}/big-streamed`).catch(() => null)).toBeNull();
        await ctx.documentLoader(`http://127.0.0.2:${open.port}/note`);
        expect(lastUserAgent).toMatch(/^Parley\//);
      } finally {
        await app.dispose();
      }
    },
  },
];

beforeAll(async () => {
  open = await listen("127.0.0.2", publicServer);
  closed = await listen("127.0.0.1", (_req, res) => res.writeHead(200, { "Content-Type": AS }).end(note("secret")));
  policy = { allowPrivateAddress: false, allowedAddresses: ["127.0.0.2"], lookup: testLookup, userAgent: "Parley-test" };
});
afterAll(async () => {
  await open?.close();
  await closed?.close();
});

runTable("fetched documents", cases);
