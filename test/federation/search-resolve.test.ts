// Search with resolve=true across instances: A's /api/v2/search finds bob@B
// by handle over WebFinger, and a post of B by its URI, fetched and stored on
// A; without resolve, nothing unknown is fetched; a private post stays hidden
// from those on A who may not see it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance;
let b: RigInstance;
let aliceToken: string;

beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
  aliceToken = await issueToken(a.app, (await a.createAccount("alice")).id);
});
afterAll(async () => {
  await rig?.close();
});

async function searchOnA(query: string, token = aliceToken): Promise<{ accounts: { id: string; acct: string }[]; statuses: { id: string; uri: string; content: string }[] }> {
  const response = await a.app.fetch(new Request(new URL(`/api/v2/search?${query}`, a.url), { headers: { Authorization: `Bearer ${token}` } }));
  expect(response.status).toBe(200);
  const body = await response.json();
  expectEntity(body, "Search");
  return body as never;
}

describe("search with resolve across instances", () => {
  it("finds a remote account by handle only with resolve", async () => {
    await b.createAccount("bob");
    const handle = encodeURIComponent(`@bob@${b.host}`);
    expect((await searchOnA(`q=${handle}&type=accounts`)).accounts).toEqual([]);
    const found = await searchOnA(`q=${handle}&resolve=true`);
    expect(found.accounts.map((x) => x.acct)).toEqual([`bob@${b.host}`]);
    // Now known, it is found without resolving too.
    expect((await searchOnA(`q=${handle}`)).accounts.map((x) => x.acct)).toEqual([`bob@${b.host}`]);
  });

  it("fetches a remote post by its URI, and an account by its actor URI", async () => {
    const carol = await b.createAccount("carol");
    const post = await b.post(carol, "A post worth finding");
    const byUrl = await searchOnA(`q=${encodeURIComponent(post.uri)}&resolve=true`);
    expect(byUrl.statuses.map((s) => s.uri)).toEqual([post.uri]);
    expect(byUrl.statuses[0]!.content).toContain("A post worth finding");
    expect(byUrl.accounts).toEqual([]);
    const byActor = await searchOnA(`q=${encodeURIComponent(carol.uri)}&resolve=true&type=accounts`);
    expect(byActor.accounts.map((x) => x.acct)).toEqual([`carol@${b.host}`]);
  });

  it("shows a private post found by URI only to those on A who may see it", async () => {
    const dave = await b.createAccount("dave");
    const erin = await a.createAccount("erin");
    await followAcross(rig, a, erin, b, dave);
    const hidden = await b.post(dave, "followers only", { visibility: "private" });
    await rig.settle();
    const query = `q=${encodeURIComponent(hidden.uri)}&resolve=true`;
    // Delivered to A for erin; alice does not follow dave.
    expect((await searchOnA(query)).statuses).toEqual([]);
    expect((await searchOnA(query, await issueToken(a.app, erin.id))).statuses.map((s) => s.uri)).toEqual([hidden.uri]);
  });
});
