// The second process of the inbox benchmark: a fake remote server on
// loopback. It serves its actors (with RSA-2048 public keys) over plain http,
// pre-signs N Mastodon-shaped Create(Note) activities with Fedify's own
// signRequest (draft-cavage, as Mastodon signs), then POSTs them to a Parley
// shared inbox with a fixed concurrency and times each request.
// Driven by its parent over IPC (see InboxSenderMessage).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { generateCryptoKeyPair, signRequest } from "@fedify/fedify";
import { CryptographicKey, Endpoints, Person } from "@fedify/vocab";
import { mastodonCreateNote } from "./mastodon-create.ts";
import { ownCpuSeconds } from "./proc.ts";

/** Parent -> sender. */
export type InboxSenderCommand =
  | { type: "prepare"; inboxUrl: string; count: number }
  | { type: "go"; concurrency: number };

/** Sender -> parent. */
export type InboxSenderMessage =
  | { type: "ready"; actors: string[] }
  | { type: "prepared"; signSeconds: number }
  | { type: "done"; latenciesMs: number[]; statuses: Record<string, number>; elapsedMs: number; cpuSeconds: number };

const ACTORS = 4;
const REQUEST_TIMEOUT_MS = 30_000;

interface Prepared {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const send = (message: InboxSenderMessage) => process.send!(message);

async function startActors(count: number) {
  const server = http.createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const actors = await Promise.all(Array.from({ length: count }, async (_, i) => {
    const uri = `${origin}/users/sender${i + 1}`;
    const keys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
    const keyId = new URL(`${uri}#main-key`);
    const person = new Person({
      id: new URL(uri),
      preferredUsername: `sender${i + 1}`,
      name: `Bench sender ${i + 1}`,
      url: new URL(`${origin}/@sender${i + 1}`),
      inbox: new URL(`${uri}/inbox`),
      outbox: new URL(`${uri}/outbox`),
      followers: new URL(`${uri}/followers`),
      following: new URL(`${uri}/following`),
      endpoints: new Endpoints({ sharedInbox: new URL(`${origin}/inbox`) }),
      manuallyApprovesFollowers: false,
      publicKey: new CryptographicKey({ id: keyId, owner: new URL(uri), publicKey: keys.publicKey }),
    });
    return { uri, keyId, privateKey: keys.privateKey, document: JSON.stringify(await person.toJsonLd()) };
  }));
  const byPath = new Map(actors.map((a) => [new URL(a.uri).pathname, a]));
  server.on("request", (request, response) => {
    request.resume();
    const actor = request.method === "GET" ? byPath.get(request.url ?? "") : undefined;
    if (actor) {
      response.writeHead(200, { "content-type": "application/activity+json" }).end(actor.document);
    } else if (request.method === "POST") {
      response.writeHead(202).end(); // Follows the receiver may send
    } else {
      response.writeHead(404).end();
    }
  });
  return { server, actors };
}

type Actors = Awaited<ReturnType<typeof startActors>>["actors"];

async function prepare(actors: Actors, inboxUrl: URL, count: number): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  for (let n = 0; n < count; n++) {
    const actor = actors[n % actors.length]!;
    const body = JSON.stringify(mastodonCreateNote(actor.uri, n));
    const request = new Request(inboxUrl, {
      method: "POST",
      headers: { "content-type": "application/activity+json", accept: "application/activity+json" },
      body,
    });
    const signed = await signRequest(request, actor.privateKey, actor.keyId, { spec: "draft-cavage-http-signatures-12" });
    prepared.push({ path: inboxUrl.pathname, headers: Object.fromEntries(signed.headers), body });
  }
  return prepared;
}

function post(agent: http.Agent, inboxUrl: URL, item: Prepared): Promise<number> {
  return new Promise((done) => {
    const request = http.request({
      host: inboxUrl.hostname,
      port: inboxUrl.port,
      method: "POST",
      path: item.path,
      headers: { ...item.headers, "content-length": String(Buffer.byteLength(item.body)) },
      agent,
      timeout: REQUEST_TIMEOUT_MS,
    }, (response) => {
      response.resume();
      response.on("end", () => done(response.statusCode ?? 0));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => done(0));
    request.end(item.body);
  });
}

async function fire(inboxUrl: URL, prepared: Prepared[], concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const cpu = ownCpuSeconds();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < prepared.length) {
      const item = prepared[next++]!;
      const sent = performance.now();
      const status = await post(agent, inboxUrl, item);
      latenciesMs.push(performance.now() - sent);
      statuses[status || "error"] = (statuses[status || "error"] ?? 0) + 1;
    }
  }));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latenciesMs, statuses, elapsedMs, cpuSeconds: ownCpuSeconds() - cpu };
}

const { server, actors } = await startActors(ACTORS);
let prepared: Prepared[] = [];
let inboxUrl: URL | undefined;
process.on("message", (command: InboxSenderCommand) => {
  void (async () => {
    if (command.type === "prepare") {
      inboxUrl = new URL(command.inboxUrl);
      const cpu = ownCpuSeconds();
      prepared = await prepare(actors, inboxUrl, command.count);
      send({ type: "prepared", signSeconds: ownCpuSeconds() - cpu });
    } else if (command.type === "go" && inboxUrl) {
      send({ type: "done", ...(await fire(inboxUrl, prepared, command.concurrency)) });
    }
  })();
});
// The parent going away ends the sender.
process.on("disconnect", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
send({ type: "ready", actors: actors.map((a) => a.uri) });
