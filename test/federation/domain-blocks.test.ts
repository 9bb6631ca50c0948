// Domain blocks between real instances: A limits B's domain (B's posts stay
// out of A's public timeline but reach A's followers), then suspends it: A's
// follows with B are gone, B's signed activities are refused at A's inbox with
// nothing stored, A neither fetches from nor delivers to B. A blocklist
// served by B that lists A's view of a domain is subscribed to from A, and a
// removal from it lifts the block.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Create, Note } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toRecipient } from "../../federation/outbound/recipients.ts";
import { send } from "../../federation/outbound/send.ts";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { domainPolicy } from "../../src/services/moderation/federation-policy.ts";
import { deliverRaw, signerOf } from "../hostile/raw-delivery.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance;
let b: RigInstance;
let list = "";
let listServer: Server;
beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
  listServer = createServer((_req, res) => res.writeHead(200, { "content-type": "text/csv" }).end(list));
  await new Promise<void>((done) => listServer.listen(0, "127.0.0.1", done));
});
afterAll(async () => {
  await rig?.close();
  await new Promise((done) => listServer?.close(done));
});

async function api(instance: RigInstance, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = body ? { "Content-Type": "application/json" } : {};
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await instance.app.fetch(new Request(new URL(path, instance.url), { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) }));
  return { status: response.status, json: await response.json() };
}

const statusesWith = (instance: RigInstance, text: string) =>
  instance.app.database.db.selectFrom("statuses").select(["id", "account_id"]).where("content", "like", `%${text}%`).execute();

const publicIds = async () => (await api(a, null, "GET", "/api/v1/timelines/public?limit=40")).json.map((s: { id: string }) => s.id) as string[];

describe("domain blocks across instances", () => {
  it("a blocklist subscription limiting B is fetched, reviewed and applied on A; a removal from the list lifts it", async () => {
    const admin = await a.createAccount("ada");
    expect((await a.app.services.changeRole(CLI_MODERATOR, "ada", "admin")).ok).toBe(true);
    const adminToken = await issueToken(a.app, admin.id, "read write admin:read admin:write");
    list = "#domain,#severity\nb.parley.test,silence\n";
    const url = `http://127.0.0.1:${(listServer.address() as AddressInfo).port}/list.csv`;
    const sub = await api(a, adminToken, "POST", "/api/v1/admin/blocklist_subscriptions", { url });
    const review = await api(a, adminToken, "POST", `/api/v1/admin/blocklist_subscriptions/${sub.json.id}/refresh`);
    expect(review.json.pending.added).toEqual([expect.objectContaining({ domain: "b.parley.test", severity: "silence" })]);
    expect((await domainPolicy(a.app.database.db, b.host)).silenced).toBe(false);
    await api(a, adminToken, "POST", `/api/v1/admin/blocklist_subscriptions/${sub.json.id}/apply`);
    expect((await domainPolicy(a.app.database.db, b.host)).silenced).toBe(true);

    list = "#domain,#severity\n";
    const emptied = await api(a, adminToken, "POST", `/api/v1/admin/blocklist_subscriptions/${sub.json.id}/refresh`);
    expect(emptied.json.pending.removed).toEqual(["b.parley.test"]);
    await api(a, adminToken, "POST", `/api/v1/admin/blocklist_subscriptions/${sub.json.id}/apply`);
    expect((await domainPolicy(a.app.database.db, b.host)).silenced).toBe(false);
    expect(await a.app.database.db.selectFrom("domain_blocks").select("id").execute()).toEqual([]);
  });

  it("limit, then suspend: B's posts leave A's public timeline, then follows go, B is refused, fetched from and delivered to by no one on A", async () => {
    const alice = await a.createAccount("alice");
    const bob = await b.createAccount("bob");
    const admin = (await a.app.database.db.selectFrom("accounts").selectAll().where("username", "=", "ada").where("domain", "is", null).executeTakeFirstOrThrow());
    const adminToken = await issueToken(a.app, admin.id, "read write admin:read admin:write");
    const bobOnA = await followAcross(rig, a, alice, b, bob);
    await followAcross(rig, b, bob, a, alice);
    await b.post(bob, "open hello from bob");
    await rig.settle();
    const [open] = await eventually(async () => (await statusesWith(a, "open hello")).length ? statusesWith(a, "open hello") : null, { what: "bob's first post on A" });
    expect(await publicIds()).toContain(open!.id);

    // Limit: the domain without its port covers b.parley.test:<port>.
    const limited = await api(a, adminToken, "POST", "/api/v1/admin/domain_blocks", { domain: "b.parley.test", severity: "silence" });
    expect(limited.status).toBe(200);
    await b.post(bob, "limited hello from bob");
    await rig.settle();
    const [stored] = await eventually(async () => (await statusesWith(a, "limited hello")).length ? statusesWith(a, "limited hello") : null, { what: "bob's post on A" });
    expect(await publicIds()).not.toContain(stored!.id);
    expect(await publicIds()).not.toContain(open!.id);
    const home = await api(a, await issueToken(a.app, alice.id), "GET", "/api/v1/timelines/home");
    expect(home.json.map((s: { id: string }) => s.id)).toContain(stored!.id);
    // An account of the limited domain seen for the first time is limited too.
    await b.createAccount("newcomer");
    expect((await a.resolve(`@newcomer@${b.host}`)).silenced_at).not.toBeNull();

    // Suspend: follows both ways and bob's content are purged from A.
    const suspended = await api(a, adminToken, "PUT", `/api/v1/admin/domain_blocks/${limited.json.id}`, { severity: "suspend" });
    expect(suspended.status).toBe(200);
    const db = a.app.database.db;
    expect(await db.selectFrom("accounts").select("id").where("id", "=", bobOnA.id).execute()).toEqual([]);
    expect(await db.selectFrom("follows").select("id").where((eb) => eb.or([eb("account_id", "=", alice.id), eb("target_account_id", "=", alice.id)])).execute()).toEqual([]);
    expect(await statusesWith(a, "limited hello")).toEqual([]);

    // B's signed activity is refused before any work: 403, nothing stored, bob not fetched again.
    const note = new Note({ id: new URL(`${bob.uri}/statuses/refused-1`), attribution: new URL(bob.uri), content: "refused canary from bob", to: new URL("https://www.w3.org/ns/activitystreams#Public") });
    const create = new Create({ id: new URL(`${bob.uri}/statuses/refused-1/activity`), actor: new URL(bob.uri), object: note, to: new URL("https://www.w3.org/ns/activitystreams#Public") });
    const refused = await deliverRaw(new URL("/inbox", a.url), await create.toJsonLd(), { signer: await signerOf(b, bob) });
    expect(refused.status).toBe(403);
    expect(await statusesWith(a, "refused canary")).toEqual([]);
    expect(await db.selectFrom("accounts").select("id").where("uri", "=", bob.uri).execute()).toEqual([]);

    // A fetches nothing from B, and delivers nothing to it, even when asked to.
    await expect(a.resolve(`@bob@${b.host}`)).rejects.toThrow(/could not resolve/);
    const before = await db.selectFrom("fedify_messages").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const ctx = a.app.federation.createContext(a.url, a.app.contextData);
    await send(ctx, "alice", [toRecipient({ uri: bob.uri, inbox_url: bob.inbox_url, shared_inbox_url: bob.shared_inbox_url })], create);
    const after = await db.selectFrom("fedify_messages").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    await a.post(alice, "after the suspension, from alice");
    await rig.settle();
    expect(await statusesWith(b, "after the suspension")).toEqual([]);
  });

  it("in allowlist mode, refuses B until B's domain is allowed", async () => {
    const bob = (await b.app.database.db.selectFrom("accounts").selectAll().where("username", "=", "bob").where("domain", "is", null).executeTakeFirstOrThrow());
    const db = a.app.database.db;
    const block = await db.selectFrom("domain_blocks").select("id").executeTakeFirstOrThrow();
    expect((await a.app.services.removeDomainBlock(CLI_MODERATOR, block.id)).ok).toBe(true);
    const like = { "@context": "https://www.w3.org/ns/activitystreams", id: `${bob.uri}#likes/1`, type: "Like", actor: bob.uri, object: `${a.url.origin}/users/alice/statuses/1` };
    const signer = await signerOf(b, bob);
    expect((await a.app.services.setFederationSetting(CLI_MODERATOR, "federation_mode", "allowlist")).ok).toBe(true);
    expect((await deliverRaw(new URL("/inbox", a.url), like, { signer })).status).toBe(403);
    expect((await a.app.services.createDomainAllow(CLI_MODERATOR, { domain: "b.parley.test" })).ok).toBe(true);
    expect((await deliverRaw(new URL("/inbox", a.url), { ...like, id: `${bob.uri}#likes/2` }, { signer })).status).toBe(202);
    await rig.settle();
  });
});
