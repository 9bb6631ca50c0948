// GET /api/v1/statuses?id[]= (Mastodon 4.3): several statuses at once, in the
// order asked, leaving out those the caller may not see; at most 20 ids.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, bob: TestUser, carol: TestUser;

const query = (ids: string[]) => `/api/v1/statuses?${ids.map((id) => `id[]=${id}`).join("&")}`;
const idsOf = async (path: string, token: string | null) => {
  const response = await t.call(path, token);
  expect(response.status, path).toBe(200);
  const body = await response.json() as { id: string }[];
  expectEntities(body, "Status");
  return body.map((s) => s.id);
};

beforeAll(async () => {
  t = await startApiTest();
  alice = await t.user("alice");
  bob = await t.user("bob");
  carol = await t.user("carol");
  await t.follow(bob, alice);
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("GET /api/v1/statuses", () => {
  it("returns the statuses asked for in that order, without those the caller may not see", async () => {
    const open = await t.post(alice, "public");
    const followers = await t.post(alice, "followers only", { visibility: "private" });
    const direct = await t.post(alice, "just @bob", { visibility: "direct" });
    const other = await t.post(carol, "carol's");
    const ids = [other.id, followers.id, open.id, direct.id, "999999999999", "not-an-id", open.id];
    expect(await idsOf(query(ids), bob.token)).toEqual([other.id, followers.id, open.id, direct.id]);
    expect(await idsOf(query(ids), carol.token)).toEqual([other.id, open.id]);
    expect(await idsOf(query(ids), null)).toEqual([other.id, open.id]);
    // A plain `id` works too, and nothing asked is nothing returned.
    expect(await idsOf(`/api/v1/statuses?id=${open.id}`, null)).toEqual([open.id]);
    expect(await idsOf("/api/v1/statuses", null)).toEqual([]);
  });

  it("shows a boost only to those who may see its original", async () => {
    const dave = await t.user("dave");
    const shared = await t.post(alice, "boost me");
    const boost = await t.json<{ id: string }>(t.call(`/api/v1/statuses/${shared.id}/reblog`, bob.token, { method: "POST" }));
    const blocked = await t.app.services.blockAccount({ accountId: alice.id, targetId: dave.id, origin: "local" });
    expect(blocked.ok).toBe(true);
    expect(await idsOf(query([boost.id, shared.id]), carol.token)).toEqual([boost.id, shared.id]);
    expect(await idsOf(query([boost.id, shared.id]), dave.token)).toEqual([]);
    // GET /api/v1/statuses/:id of the boost answers the boost itself, under the same rule.
    const single = await t.json<{ id: string; reblog: { id: string } | null }>(t.call(`/api/v1/statuses/${boost.id}`, carol.token));
    expect([single.id, single.reblog?.id]).toEqual([boost.id, shared.id]);
    expect((await t.call(`/api/v1/statuses/${boost.id}`, dave.token)).status).toBe(404);
  });

  it("refuses more than 20 ids with 422, a bad token with 401 and a token without read:statuses with 403", async () => {
    const many = Array.from({ length: 21 }, (_, i) => String(100_000 + i));
    const tooMany = await t.call(query(many), alice.token);
    expect(tooMany.status).toBe(422);
    expect(await tooMany.json()).toHaveProperty("error");
    expect((await t.call(query(many.slice(0, 20)), alice.token)).status).toBe(200);
    expect((await t.call(query(["1"]), "bogus")).status).toBe(401);
    expect((await t.call(query(["1"]), await issueToken(t.app, alice.id, "write"))).status).toBe(403);
  });
});
