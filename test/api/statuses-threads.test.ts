// A status's context (respecting visibility and Mastodon's limits), and who
// favourited or boosted it, paged with Link headers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { startStatusesTest, type TestUser } from "./statuses-helpers.ts";

let t: Awaited<ReturnType<typeof startStatusesTest>>;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;

beforeAll(async () => {
  t = await startStatusesTest();
  [alice, bob, carol, dave] = await Promise.all([t.user("alice"), t.user("bob"), t.user("carol"), t.user("dave")]);
  await t.follow(alice, carol);
});
afterAll(async () => {
  await t?.app.dispose();
});

const ids = (statuses: { id: string }[]) => statuses.map((s) => s.id);

describe("GET /api/v1/statuses/:id/context", () => {
  it("shows ancestors and descendants in thread order, each only to those who may see it", async () => {
    const root = await t.post(alice, { status: "root" });
    const bobReply = await t.post(bob, { status: "bob replies", in_reply_to_id: root.id });
    const carolReply = await t.post(carol, { status: "followers only", in_reply_to_id: bobReply.id, visibility: "private" });
    const aliceAgain = await t.post(alice, { status: "alice answers carol", in_reply_to_id: carolReply.id });
    const daveReply = await t.post(dave, { status: "dave replies", in_reply_to_id: root.id });

    const forBob = await t.json(t.call(`/api/v1/statuses/${root.id}/context`, bob.token));
    expectEntity(forBob, "Context");
    expect(forBob.ancestors).toEqual([]);
    expect(ids(forBob.descendants)).toEqual([bobReply.id, aliceAgain.id, daveReply.id]);

    const forAlice = await t.json(t.call(`/api/v1/statuses/${root.id}/context`, alice.token));
    expect(ids(forAlice.descendants)).toEqual([bobReply.id, carolReply.id, aliceAgain.id, daveReply.id]);

    const anonymous = await t.json(t.call(`/api/v1/statuses/${aliceAgain.id}/context`, null));
    expect(ids(anonymous.ancestors)).toEqual([root.id, bobReply.id]);
    const aliceSees = await t.json(t.call(`/api/v1/statuses/${aliceAgain.id}/context`, alice.token));
    expectEntities(aliceSees.ancestors, "Status");
    expect(ids(aliceSees.ancestors)).toEqual([root.id, bobReply.id, carolReply.id]);

    expect((await t.call(`/api/v1/statuses/${carolReply.id}/context`, bob.token)).status).toBe(404);
    expect((await t.call(`/api/v1/statuses/${carolReply.id}/context`, null)).status).toBe(404);
    const writeOnly = await issueToken(t.app, bob.id, "write");
    expect((await t.call(`/api/v1/statuses/${root.id}/context`, writeOnly)).status).toBe(403);
    expect((await t.call(`/api/v1/statuses/${root.id}`, writeOnly)).status).toBe(403);
  });

  it("limits anonymous readers to 20 levels of replies, as Mastodon", async () => {
    const root = await t.post(alice, { status: "deep thread" });
    let parent = root;
    for (let depth = 1; depth <= 22; depth++) parent = await t.post(depth % 2 ? bob : alice, { status: `level ${depth}`, in_reply_to_id: parent.id });
    expect((await t.json(t.call(`/api/v1/statuses/${root.id}/context`, null))).descendants).toHaveLength(20);
    expect((await t.json(t.call(`/api/v1/statuses/${root.id}/context`, carol.token))).descendants).toHaveLength(22);
    expect((await t.json(t.call(`/api/v1/statuses/${parent.id}/context`, carol.token))).ancestors).toHaveLength(22);
  });
});

describe("favourited_by and reblogged_by", () => {
  it("pages the accounts that favourited or boosted a status", async () => {
    const post = await t.post(alice, { status: "popular" });
    for (const user of [bob, carol, dave]) {
      await t.send("POST", `/api/v1/statuses/${post.id}/favourite`, user.token);
      await t.send("POST", `/api/v1/statuses/${post.id}/reblog`, user.token);
    }
    for (const path of ["favourited_by", "reblogged_by"]) {
      const first = await t.call(`/api/v1/statuses/${post.id}/${path}?limit=2`, null);
      const page = await first.json();
      expectEntities(page, "Account");
      expect(page.map((a: { username: string }) => a.username)).toEqual(["dave", "carol"]);
      const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("Link") ?? "")?.[1];
      expect(next).toBeDefined();
      const rest = await t.json(t.call(new URL(next!).pathname + new URL(next!).search, null));
      expect(rest.map((a: { username: string }) => a.username)).toEqual(["bob"]);
    }
    const hidden = await t.post(alice, { status: "mine alone", visibility: "direct" });
    expect((await t.call(`/api/v1/statuses/${hidden.id}/favourited_by`, bob.token)).status).toBe(404);
    const writeOnly = await issueToken(t.app, bob.id, "write");
    expect((await t.call(`/api/v1/statuses/${post.id}/reblogged_by`, writeOnly)).status).toBe(403);
  });
});
