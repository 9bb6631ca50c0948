// The API's foundation: token authentication and scopes, Mastodon's error
// bodies, posting and reading statuses, the home timeline with paging, all
// validated against openapi.json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "../helpers/app.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let aliceToken: string, bobToken: string, readOnly: string;
const origin = "https://parley.test";

function call(path: string, token: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return app.fetch(new Request(`${origin}${path}`, { ...init, headers }));
}
const postJson = (path: string, token: string, body: unknown) =>
  call(path, token, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });

beforeAll(async () => {
  app = await startTestApp(origin);
  const alice = await app.services.createLocalAccount({ username: "alice", email: "alice@example.com", password: "long enough password" });
  const bob = await app.services.createLocalAccount({ username: "bob", email: "bob@example.com", password: "long enough password" });
  if (!alice.ok || !bob.ok) throw new Error("setup");
  aliceToken = await issueToken(app, alice.value.id);
  bobToken = await issueToken(app, bob.value.id);
  readOnly = await issueToken(app, alice.value.id, "read");
  await app.services.followAccount({ followerId: bob.value.id, targetId: alice.value.id, origin: "local" });
});
afterAll(async () => {
  await app?.dispose();
});

describe("API foundation", () => {
  it("answers 401 without or with a bad token, 403 without the scope, in Mastodon's shape", async () => {
    const none = await call("/api/v1/accounts/verify_credentials", null);
    expect(none.status).toBe(401);
    expectEntity(await none.json(), "Error");
    expect((await call("/api/v1/accounts/verify_credentials", "bogus")).status).toBe(401);
    const scoped = await postJson("/api/v1/statuses", readOnly, { status: "nope" });
    expect(scoped.status).toBe(403);
    expect(await scoped.json()).toEqual({ error: "This action is outside the authorized scopes" });
    expect((await call("/api/v1/nothing/here", aliceToken)).status).toBe(404);
  });

  it("verifies credentials as a CredentialAccount", async () => {
    const res = await call("/api/v1/accounts/verify_credentials", aliceToken);
    expect(res.status).toBe(200);
    const body = await res.json() as { username: string; acct: string };
    expectEntity(body, "CredentialAccount");
    expect(body.acct).toBe("alice");
  });

  it("posts with form or JSON, reads back, 404s what may not be seen, deletes with source", async () => {
    const form = new URLSearchParams({ status: "Hello #Parley @bob", visibility: "public" });
    const created = await call("/api/v1/statuses", aliceToken, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(created.status).toBe(200);
    const status = await created.json() as { id: string; content: string; mentions: unknown[]; tags: { name: string }[] };
    expectEntity(status, "Status");
    expect(status.content).toContain("#<span>Parley</span>");
    expect(status.mentions).toHaveLength(1);
    expect(status.tags).toEqual([{ name: "parley", url: `${origin}/tags/parley` }]);

    const secret = await (await postJson("/api/v1/statuses", aliceToken, { status: "just me and @nobody", visibility: "direct" })).json() as { id: string };
    expect((await call(`/api/v1/statuses/${secret.id}`, bobToken)).status).toBe(404);
    expect((await call(`/api/v1/statuses/${secret.id}`, null)).status).toBe(404);
    expect((await call(`/api/v1/statuses/${secret.id}`, aliceToken)).status).toBe(200);

    const tooLong = await postJson("/api/v1/statuses", aliceToken, { status: "x".repeat(501) });
    expect(tooLong.status).toBe(422);
    expectEntity(await tooLong.json(), "Error");

    const deleted = await call(`/api/v1/statuses/${secret.id}`, aliceToken, { method: "DELETE" });
    expect(((await deleted.json()) as { text: string }).text).toBe("just me and @nobody");
    expect((await call(`/api/v1/statuses/${secret.id}`, aliceToken)).status).toBe(404);
  });

  it("pages the home timeline with max_id, min_id and a Link header", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(((await (await postJson("/api/v1/statuses", aliceToken, { status: `post ${i}` })).json()) as { id: string }).id);
    const first = await call("/api/v1/timelines/home?limit=2", bobToken);
    const page1 = await first.json() as { id: string }[];
    expectEntities(page1, "Status");
    expect(page1.map((s) => s.id)).toEqual([ids[4], ids[3]]);
    const link = first.headers.get("Link")!;
    expect(link).toContain(`max_id=${ids[3]}`);
    expect(link).toContain(`min_id=${ids[4]}`);
    const page2 = await (await call(`/api/v1/timelines/home?limit=2&max_id=${ids[3]}`, bobToken)).json() as { id: string }[];
    expect(page2.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    const above = await (await call(`/api/v1/timelines/home?limit=2&min_id=${ids[1]}`, bobToken)).json() as { id: string }[];
    expect(above.map((s) => s.id)).toEqual([ids[3], ids[2]]);
  });

  it("favourites and boosts, reflected in the viewer's flags", async () => {
    const post = await (await postJson("/api/v1/statuses", aliceToken, { status: "boost me" })).json() as { id: string };
    const faved = await (await call(`/api/v1/statuses/${post.id}/favourite`, bobToken, { method: "POST" })).json() as { favourited: boolean; favourites_count: number };
    expect(faved).toMatchObject({ favourited: true, favourites_count: 1 });
    const boosted = await (await call(`/api/v1/statuses/${post.id}/reblog`, bobToken, { method: "POST" })).json() as { reblog: { id: string; reblogged: boolean } };
    expectEntity(boosted, "Status");
    expect(boosted.reblog.id).toBe(post.id);
    const unboosted = await (await call(`/api/v1/statuses/${post.id}/unreblog`, bobToken, { method: "POST" })).json() as { reblogged: boolean; reblogs_count: number };
    expect(unboosted).toMatchObject({ reblogged: false, reblogs_count: 0 });
  });
});
