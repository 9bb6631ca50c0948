// The documents other servers read: WebFinger, actor (with both keys), NodeInfo,
// collections and notes with content negotiation, all with canonical URLs no
// matter which Host the request came with (reverse proxies), and the inbox's
// body limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { startTestApp } from "../helpers/app.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let alice: AccountRow;
let robot: AccountRow;
const origin = "https://parley.test:8443";

async function get(path: string, accept = "application/activity+json", headers: Record<string, string> = {}) {
  return app.fetch(new Request(`http://10.0.0.5:3000${path}`, { headers: { Accept: accept, Host: "internal:3000", ...headers } }));
}

beforeAll(async () => {
  app = await startTestApp(origin);
  const created = await app.services.createLocalAccount({ username: "alice", email: "alice@example.com", password: "long enough password" });
  const bot = await app.services.createLocalAccount({ username: "robot", email: "robot@example.com", password: "long enough password", bot: true });
  if (!created.ok || !bot.ok) throw new Error("setup failed");
  alice = (await app.database.db.selectFrom("accounts").selectAll().where("id", "=", created.value.id).executeTakeFirstOrThrow());
  robot = (await app.database.db.selectFrom("accounts").selectAll().where("id", "=", bot.value.id).executeTakeFirstOrThrow());
});
afterAll(async () => {
  await app?.dispose();
});

describe("federation endpoints", () => {
  it("answers WebFinger with the port in the handle, case-insensitively, with canonical links", async () => {
    const res = await get("/.well-known/webfinger?resource=acct:ALICE@parley.test:8443", "application/jrd+json", { "X-Forwarded-Host": "evil.example" });
    expect(res.status).toBe(200);
    const body = await res.json() as { subject: string; links: { rel: string; href: string; type?: string }[] };
    expect(body.links).toContainEqual({ rel: "self", href: `${origin}/users/alice`, type: "application/activity+json" });
    expect(JSON.stringify(body)).not.toContain("evil.example");
    expect((await get("/.well-known/webfinger?resource=acct:nobody@parley.test:8443", "application/jrd+json")).status).toBe(404);
  });

  it("serves a Person with an RSA-2048 key and an Ed25519 Multikey, and a Service for bots", async () => {
    const res = await get("/users/alice", "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
    expect(res.status).toBe(200);
    const actor = await res.json() as Record<string, any>;
    expect(actor.type).toBe("Person");
    expect(actor.id).toBe(alice.uri);
    expect(actor.id).toBe(`${origin}/users/alice`);
    expect(actor.inbox).toBe(`${origin}/users/alice/inbox`);
    expect(actor.endpoints.sharedInbox).toBe(`${origin}/inbox`);
    expect(actor.followers).toBe(`${origin}/users/alice/followers`);
    expect(actor.publicKey.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const rsa = await crypto.subtle.importKey(
      "spki",
      Buffer.from(actor.publicKey.publicKeyPem.replace(/-----[^-]+-----|\s/g, ""), "base64"),
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      true,
      ["verify"],
    );
    expect((rsa.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(2048);
    const methods = Array.isArray(actor.assertionMethod) ? actor.assertionMethod : [actor.assertionMethod];
    expect(methods.some((m: { publicKeyMultibase: string }) => m.publicKeyMultibase.startsWith("z6Mk"))).toBe(true);
    const bot = await (await get("/users/robot")).json() as { type: string; id: string };
    expect(bot).toMatchObject({ type: "Service", id: robot.uri });
  });

  it("serves host-meta naming the canonical WebFinger template, with CORS", async () => {
    const xml = await get("/.well-known/host-meta", "application/xrd+xml", { Origin: "https://client.example" });
    expect(xml.headers.get("Content-Type")).toContain("application/xrd+xml");
    expect(xml.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await xml.text()).toContain(`template="${origin}/.well-known/webfinger?resource={uri}"`);
    const json = await (await get("/.well-known/host-meta.json", "application/json")).json();
    expect(json).toEqual({ links: [{ rel: "lrdd", template: `${origin}/.well-known/webfinger?resource={uri}` }] });
  });

  it("serves NodeInfo 2.1 with usage counts", async () => {
    const links = await (await get("/.well-known/nodeinfo", "application/json")).json() as { links: { href: string }[] };
    expect(links.links[0]?.href).toBe(`${origin}/nodeinfo/2.1`);
    const info = await (await get("/nodeinfo/2.1", "application/json")).json() as Record<string, any>;
    expect(info.software.name).toBe("parley");
    expect(info.protocols).toEqual(["activitypub"]);
    expect(info.usage.users.total).toBe(2);
    expect(info.openRegistrations).toBe(false);
  });

  it("serves notes by content negotiation and pages the outbox and followers", async () => {
    const posted = await app.services.createStatus({ origin: "local", accountId: alice.id, content: "<p>hello</p>", text: "hello", visibility: "public" });
    const hidden = await app.services.createStatus({ origin: "local", accountId: alice.id, content: "<p>secret</p>", text: "secret", visibility: "private" });
    if (!posted.ok || !hidden.ok) throw new Error("post failed");
    const path = new URL(posted.value.uri).pathname;
    for (const accept of ["application/activity+json", 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"']) {
      const note = await (await get(path, accept)).json() as Record<string, any>;
      expect(note).toMatchObject({ type: "Note", id: posted.value.uri, attributedTo: alice.uri, content: "<p>hello</p>" });
      // Fedify compacts the Public collection to "as:Public", which Mastodon and others accept.
      expect(["as:Public", "https://www.w3.org/ns/activitystreams#Public"]).toContain(note.to);
    }
    expect((await get(new URL(hidden.value.uri).pathname)).status).toBe(401);
    expect((await get("/users/alice/statuses/1234")).status).toBe(404);

    const outbox = await (await get("/users/alice/outbox")).json() as Record<string, any>;
    expect(outbox).toMatchObject({ type: "OrderedCollection", totalItems: 1 });
    const page = await (await get(new URL(outbox.first).pathname + new URL(outbox.first).search)).json() as Record<string, any>;
    expect(page.orderedItems).toHaveLength(1);
    expect(page.orderedItems[0].object.id).toBe(posted.value.uri);
    const followers = await (await get("/users/alice/followers")).json() as Record<string, any>;
    expect(followers).toMatchObject({ type: "OrderedCollection", totalItems: 0 });
    const featured = await (await get("/users/alice/collections/featured")).json() as Record<string, any>;
    expect(featured.type).toBe("OrderedCollection");
  });

  it("refuses inbox bodies over 1 MiB with 413 before parsing them", async () => {
    const big = JSON.stringify({ type: "Create", padding: "x".repeat(1024 * 1024 + 10) });
    for (const path of ["/inbox", "/users/alice/inbox"]) {
      const res = await app.fetch(new Request(`${origin}${path}`, { method: "POST", body: big, headers: { "Content-Type": "application/activity+json" } }));
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ error: "Payload too large" });
    }
    const unsigned = await app.fetch(new Request(`${origin}/inbox`, {
      method: "POST",
      body: JSON.stringify({ "@context": "https://www.w3.org/ns/activitystreams", type: "Follow", id: "https://x.example/1", actor: "https://x.example/u", object: alice.uri }),
      headers: { "Content-Type": "application/activity+json" },
    }));
    expect(unsigned.status).toBe(401);
  });

  it("shows a deleted account as 410 Gone", async () => {
    const deleted = await app.services.createLocalAccount({ username: "leaver", email: "leaver@example.com", password: "long enough password" });
    if (!deleted.ok) throw new Error("setup failed");
    await app.services.deleteAccount({ accountId: deleted.value.id, origin: "local" });
    const res = await get("/users/leaver");
    expect(res.status).toBe(410);
    expect((await get("/.well-known/webfinger?resource=acct:leaver@parley.test:8443", "application/jrd+json")).status).toBe(404);
  });
});
