// The document cache in front of Fedify (docs/adr/0017-document-cache.md):
// actor and WebFinger answers change as soon as the account does, in the
// process that changed it; a deleted account is gone at once; the actor
// document carries the stored key; NodeInfo stays right.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findKeyPairs } from "../../db/queries/key-pairs.ts";
import { startTestApp } from "../helpers/app.ts";
import { makePng, multipart } from "../helpers/media.ts";
import { issueToken } from "../helpers/tokens.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
const origin = "https://parley.test";

interface Actor {
  name: string;
  manuallyApprovesFollowers: boolean;
  publicKey: { id: string; publicKeyPem: string };
}
interface Jrd {
  links: { rel: string; href?: string }[];
}

const get = (path: string, accept = "application/activity+json") => app.fetch(new Request(`${origin}${path}`, { headers: { Accept: accept } }));
const actor = async (username: string) => (await (await get(`/users/${username}`)).json()) as Actor;
const webfinger = (username: string) => get(`/.well-known/webfinger?resource=acct:${username}@parley.test`, "application/jrd+json");
const avatarLink = async (username: string) => ((await (await webfinger(username)).json()) as Jrd).links.find((l) => l.rel === "http://webfinger.net/rel/avatar")?.href;

async function createAccount(username: string): Promise<string> {
  const created = await app.services.createLocalAccount({ username, email: `${username}@example.com`, password: "long enough password" });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

beforeAll(async () => {
  app = await startTestApp(origin);
});
afterAll(async () => {
  await app?.dispose();
});

describe("document cache", () => {
  it("serves a profile changed through the API at once, in the actor document and in WebFinger", async () => {
    const id = await createAccount("dana");
    const token = await issueToken(app, id, "read write");
    expect((await actor("dana")).name).toBe("dana");
    expect((await actor("dana")).manuallyApprovesFollowers).toBe(false);
    expect(await avatarLink("dana")).toBeUndefined();

    const form = multipart({ avatar: await makePng(64, 64), display_name: "Dana D.", locked: "true" });
    const res = await app.fetch(new Request(`${origin}/api/v1/accounts/update_credentials`, { method: "PATCH", body: form, headers: { Authorization: `Bearer ${token}` } }));
    expect(res.status).toBe(200);
    const { avatar } = (await res.json()) as { avatar: string };
    expect(await actor("dana")).toMatchObject({ name: "Dana D.", manuallyApprovesFollowers: true });
    expect(await avatarLink("dana")).toBe(avatar);
  });

  it("serves the stored public key of each account, and each account's own document", async () => {
    const ids = { erin: await createAccount("erin"), finn: await createAccount("finn") };
    for (const [username, id] of Object.entries(ids)) {
      const [rsa] = await findKeyPairs(app.database.db, id);
      const served = (await actor(username)).publicKey;
      expect(served.id).toBe(`${origin}/users/${username}#main-key`);
      const pem = (await crypto.subtle.exportKey("spki", await crypto.subtle.importKey("jwk", JSON.parse(rsa!.public_jwk), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, ["verify"])));
      expect(served.publicKeyPem.replace(/-----[^-]+-----|\s/g, "")).toBe(Buffer.from(pem).toString("base64"));
    }
  });

  it("serves a deleted account as gone at once, its handle unresolved", async () => {
    const id = await createAccount("carol");
    expect((await actor("carol")).name).toBe("carol");
    expect((await webfinger("carol")).status).toBe(200);
    const updated = await app.services.updateProfile(id, { displayName: "Carol Kept" });
    expect(updated.ok).toBe(true);
    expect((await actor("carol")).name).toBe("Carol Kept");

    const deleted = await app.services.deleteAccount({ accountId: id, origin: "local" });
    expect(deleted.ok).toBe(true);
    expect((await get("/users/carol")).status).toBe(410);
    expect((await webfinger("carol")).status).toBe(404);
  });

  it("finds an account created after a miss for its name, and answers NodeInfo from both paths", async () => {
    expect((await webfinger("gwen")).status).toBe(404);
    expect((await get("/users/gwen")).status).toBe(404);
    await createAccount("gwen");
    expect((await webfinger("gwen")).status).toBe(200);
    expect((await actor("gwen")).name).toBe("gwen");

    const links = (await (await get("/.well-known/nodeinfo", "application/json")).json()) as Jrd;
    expect(links.links.map((l) => l.href)).toContain(`${origin}/nodeinfo/2.1`);
    for (let i = 0; i < 2; i++) {
      const nodeinfo = (await (await get("/nodeinfo/2.1", "application/json")).json()) as { software: { name: string }; usage: { users: { total: number } } };
      expect(nodeinfo.software.name).toBe("parley");
      expect(nodeinfo.usage.users.total).toBeGreaterThan(0);
    }
  });

  it("answers the client API as before (it never reaches the federation)", async () => {
    const res = await app.fetch(new Request(`${origin}/api/v1/instance`));
    expect(res.status).toBe(200);
    expect((await app.fetch(new Request(`${origin}/api/v1/nothing-here`))).status).toBe(404);
  });
});
