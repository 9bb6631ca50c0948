// Relationships across instances, driven through each instance's Mastodon
// API: alice@A finds bob@B with search&resolve=true, follows him, and the
// relationship turns to following once B accepts; remove_from_followers and
// block on one side reach the other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance;
let b: RigInstance;
beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
});
afterAll(async () => {
  await rig?.close();
});

/** Calls an instance's API as the token's owner; answers the parsed JSON and the status. */
async function api(instance: RigInstance, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) } };
  if (body) init.body = JSON.stringify(body);
  const response = await instance.app.fetch(new Request(new URL(path, instance.url), init));
  return { status: response.status, json: await response.json() };
}

async function userOn(instance: RigInstance, username: string, options: { locked?: boolean } = {}) {
  const account = await instance.createAccount(username, options);
  return { account, token: await issueToken(instance.app, account.id) };
}

const relationshipTo = async (instance: RigInstance, token: string, id: string) =>
  (await api(instance, token, "GET", `/api/v1/accounts/relationships?id[]=${id}`)).json[0];

describe("relationships across instances, through the API", () => {
  it("search with resolve finds bob@B; the follow is requested, then following once B accepts; removal reaches A", async () => {
    const alice = await userOn(a, "alice");
    const bob = await userOn(b, "bob", { locked: true });

    const found = await api(a, alice.token, "GET", `/api/v1/accounts/search?q=${encodeURIComponent(`@bob@${b.host}`)}&resolve=true`);
    expect(found.status).toBe(200);
    expectEntities(found.json, "Account");
    expect(found.json.map((x: any) => x.acct)).toEqual([`bob@${b.host}`]);
    const bobOnA = found.json[0].id as string;

    const followed = await api(a, alice.token, "POST", `/api/v1/accounts/${bobOnA}/follow`, { reblogs: false });
    expectEntity(followed.json, "Relationship");
    expect(followed.json).toMatchObject({ following: false, requested: true, showing_reblogs: false });

    // B lists the request through its API and accepts it.
    const requests = await eventually(async () => {
      const listed = await api(b, bob.token, "GET", "/api/v1/follow_requests");
      return listed.json.length > 0 && listed.json;
    }, { what: "the follow request to reach B" });
    expect(requests.map((x: any) => x.acct)).toEqual([`alice@${a.host}`]);
    const aliceOnB = requests[0].id as string;
    const accepted = await api(b, bob.token, "POST", `/api/v1/follow_requests/${aliceOnB}/authorize`);
    expect(accepted.json).toMatchObject({ followed_by: true, requested_by: false });

    const following = await eventually(async () => {
      const r = await relationshipTo(a, alice.token, bobOnA);
      return r.following && r;
    }, { what: "A to see the accepted follow" });
    expect(following).toMatchObject({ following: true, requested: false, showing_reblogs: false });
    expect((await api(a, alice.token, "GET", `/api/v1/accounts/${bobOnA}`)).json.acct).toBe(`bob@${b.host}`);

    // bob removes alice from his followers on B: the Reject ends the follow on A too.
    const removed = await api(b, bob.token, "POST", `/api/v1/accounts/${aliceOnB}/remove_from_followers`);
    expect(removed.json).toMatchObject({ followed_by: false });
    await rig.settle();
    expect(await relationshipTo(a, alice.token, bobOnA)).toMatchObject({ following: false, requested: false });
    expect((await api(a, alice.token, "GET", `/api/v1/accounts/${(await api(a, alice.token, "GET", "/api/v1/accounts/verify_credentials")).json.id}/following`)).json).toEqual([]);
  });

  it("a block through A's API reaches B: the follow ends there and B sees blocked_by", async () => {
    const carol = await userOn(a, "carol");
    const dave = await userOn(b, "dave");
    // dave@B follows carol@A through B's API (lookup resolves the unknown handle).
    const carolOnB = (await api(b, dave.token, "GET", `/api/v1/accounts/lookup?acct=carol@${a.host}`)).json;
    expectEntity(carolOnB, "Account");
    await api(b, dave.token, "POST", `/api/v1/accounts/${carolOnB.id}/follow`);
    await eventually(async () => (await relationshipTo(b, dave.token, carolOnB.id)).following, { what: "dave to follow carol" });
    const daveOnA = (await api(a, carol.token, "GET", `/api/v1/accounts/lookup?acct=dave@${b.host}`)).json;
    expect(await relationshipTo(a, carol.token, daveOnA.id)).toMatchObject({ followed_by: true });

    const blocked = await api(a, carol.token, "POST", `/api/v1/accounts/${daveOnA.id}/block`);
    expect(blocked.json).toMatchObject({ blocking: true, followed_by: false });
    await rig.settle();
    expect(await relationshipTo(b, dave.token, carolOnB.id)).toMatchObject({ blocked_by: true, following: false });
    expect((await api(b, dave.token, "POST", `/api/v1/accounts/${carolOnB.id}/follow`)).status).toBe(403);

    await api(a, carol.token, "POST", `/api/v1/accounts/${daveOnA.id}/unblock`);
    await rig.settle();
    expect(await relationshipTo(b, dave.token, carolOnB.id)).toMatchObject({ blocked_by: false });
  });

  it("a domain block through A's API ends the follows with B both ways, on B too", async () => {
    const frank = await userOn(a, "frank");
    const erin = await userOn(b, "erin");
    const gina = await userOn(b, "gina");
    const frankOnB = (await api(b, erin.token, "GET", `/api/v1/accounts/lookup?acct=frank@${a.host}`)).json;
    await api(b, erin.token, "POST", `/api/v1/accounts/${frankOnB.id}/follow`);
    const ginaOnA = (await api(a, frank.token, "GET", `/api/v1/accounts/lookup?acct=gina@${b.host}`)).json;
    await api(a, frank.token, "POST", `/api/v1/accounts/${ginaOnA.id}/follow`);
    await rig.settle();
    expect(await relationshipTo(b, erin.token, frankOnB.id)).toMatchObject({ following: true });
    expect(await relationshipTo(b, gina.token, frankOnB.id)).toMatchObject({ followed_by: true });

    expect((await api(a, frank.token, "POST", "/api/v1/domain_blocks", { domain: b.host })).status).toBe(200);
    expect(await relationshipTo(a, frank.token, ginaOnA.id)).toMatchObject({ domain_blocking: true, following: false });
    await rig.settle();
    expect(await relationshipTo(b, erin.token, frankOnB.id)).toMatchObject({ following: false });
    expect(await relationshipTo(b, gina.token, frankOnB.id)).toMatchObject({ followed_by: false });
  });
});
