// Public, hashtag and home timelines: the local/remote split, tag filters,
// paging with Link headers, blocks, and no leak of private or direct posts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, bob: TestUser, carol: TestUser;
const ids = (list: unknown) => (list as { id: string }[]).map((s) => s.id);

beforeAll(async () => {
  t = await startApiTest();
  [alice, bob, carol] = [await t.user("alice"), await t.user("bob"), await t.user("carol")];
  await t.follow(bob, alice);
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("public timeline", () => {
  it("splits local and remote public statuses and leaves out reblogs and replies to others", async () => {
    const local = await t.post(alice, "local public");
    const remoteAuthor = await t.remoteAccount("rita");
    const remote = await t.remoteStatus(remoteAuthor, "remote public");
    const reply = await t.post(carol, "a reply", { in_reply_to_id: local.id });
    await t.send("POST", `/api/v1/statuses/${local.id}/reblog`, bob.token);

    const all = await t.json(t.call("/api/v1/timelines/public", null));
    expectEntities(all, "Status");
    expect(ids(all)).toEqual(expect.arrayContaining([local.id, remote.id]));
    expect(ids(all)).not.toContain(reply.id);
    expect((all as { reblog: unknown }[]).every((s) => s.reblog === null)).toBe(true);

    expect(ids(await t.json(t.call("/api/v1/timelines/public?local=true", alice.token)))).toEqual([local.id]);
    expect(ids(await t.json(t.call("/api/v1/timelines/public?remote=true", alice.token)))).toEqual([remote.id]);
    expect(await t.json(t.call("/api/v1/timelines/public?only_media=true", alice.token))).toEqual([]);
  });

  it("pages with max_id, min_id, since_id and a Link header", async () => {
    const posted: string[] = [];
    for (let i = 0; i < 4; i++) posted.push((await t.post(carol, `page ${i}`)).id);
    const first = await t.call("/api/v1/timelines/public?local=true&limit=2", null);
    expect(ids(await first.json())).toEqual([posted[3], posted[2]]);
    const link = first.headers.get("Link")!;
    expect(link).toContain(`max_id=${posted[2]}`);
    expect(link).toContain("local=true");
    expect(ids(await t.json(t.call(`/api/v1/timelines/public?local=true&limit=2&max_id=${posted[2]}`, null)))).toEqual([posted[1], posted[0]]);
    expect(ids(await t.json(t.call(`/api/v1/timelines/public?local=true&limit=2&min_id=${posted[0]}`, null)))).toEqual([posted[2], posted[1]]);
    expect(ids(await t.json(t.call(`/api/v1/timelines/public?local=true&limit=2&since_id=${posted[0]}`, null)))).toEqual([posted[3], posted[2]]);
  });

  it("hides the statuses of accounts the viewer blocks or is blocked by", async () => {
    const dave = await t.user("dave");
    const blocked = await t.post(dave, "dave speaks");
    await t.app.services.blockAccount({ accountId: alice.id, targetId: dave.id, origin: "local" });
    expect(ids(await t.json(t.call("/api/v1/timelines/public?local=true", alice.token)))).not.toContain(blocked.id);
    expect(ids(await t.json(t.call("/api/v1/timelines/public?local=true", dave.token)))).not.toContain((await t.post(alice, "not for dave")).id);
    expect(ids(await t.json(t.call("/api/v1/timelines/public?local=true", bob.token)))).toContain(blocked.id);
  });

  it("hides muted accounts in public and home timelines, boosts by them included", async () => {
    const erin = await t.user("erin");
    await t.follow(bob, erin);
    const original = await t.post(alice, "boost me, erin");
    const boost = await t.json<{ id: string }>(t.send("POST", `/api/v1/statuses/${original.id}/reblog`, erin.token));
    const own = await t.post(erin, "erin's own");
    expect(ids(await t.json(t.call("/api/v1/timelines/home", bob.token)))).toEqual(expect.arrayContaining([boost.id, own.id]));
    expect((await t.send("POST", `/api/v1/accounts/${erin.id}/mute`, bob.token)).status).toBe(200);
    const home = ids(await t.json(t.call("/api/v1/timelines/home", bob.token)));
    expect(home).not.toContain(boost.id);
    expect(home).not.toContain(own.id);
    expect(home).toContain(original.id);
    expect(ids(await t.json(t.call("/api/v1/timelines/public?local=true", bob.token)))).not.toContain(own.id);
  });
});

describe("hashtag timeline", () => {
  it("finds public statuses by tag with any[], all[] and none[], local and remote", async () => {
    const cats = await t.post(alice, "I like #cats");
    const both = await t.post(alice, "#cats and #dogs");
    const dogs = await t.post(carol, "only #dogs");
    const remote = await t.remoteStatus(await t.remoteAccount("tom"), "#cats from afar", { tagNames: ["Cats"] });
    await t.post(alice, "#cats unlisted", { visibility: "unlisted" });

    const tagged = await t.json(t.call("/api/v1/timelines/tag/cats", null));
    expectEntities(tagged, "Status");
    expect(ids(tagged)).toEqual([remote.id, both.id, cats.id]);
    expect(ids(await t.json(t.call("/api/v1/timelines/tag/Cats?local=true", null)))).toEqual([both.id, cats.id]);
    expect(ids(await t.json(t.call("/api/v1/timelines/tag/cats?remote=true", null)))).toEqual([remote.id]);
    expect(ids(await t.json(t.call("/api/v1/timelines/tag/cats?any[]=dogs", null)))).toEqual([remote.id, dogs.id, both.id, cats.id]);
    expect(ids(await t.json(t.call("/api/v1/timelines/tag/cats?all[]=dogs", null)))).toEqual([both.id]);
    expect(ids(await t.json(t.call("/api/v1/timelines/tag/cats?none[]=dogs", null)))).toEqual([remote.id, cats.id]);
  });
});

describe("visibility", () => {
  it("never shows a private or direct status in public, tag or list timelines, nor in another's home", async () => {
    const privateCanary = "canary-private-7f3a9c";
    const directCanary = "canary-direct-2b81e0";
    const reader = await t.user("reader");
    await t.follow(reader, alice);
    const list = await t.json<{ id: string }>(t.send("POST", "/api/v1/lists", reader.token, { title: "alice" }));
    await t.send("POST", `/api/v1/lists/${list.id}/accounts`, reader.token, { account_ids: [alice.id] });
    await t.post(alice, `#secret followers-only ${privateCanary}`, { visibility: "private" });
    await t.post(alice, `#secret direct @carol ${directCanary}`, { visibility: "direct" });
    await t.remoteStatus(await t.remoteAccount("ron"), `#secret ${privateCanary}`, { visibility: "private", tagNames: ["secret"] });
    const stranger = await t.user("stranger");

    const read = async (path: string, token: string | null) => {
      const response = await t.call(path, token);
      expect(response.status).toBe(200);
      return response.text();
    };
    for (const [path, token] of [
      ["/api/v1/timelines/public", null],
      ["/api/v1/timelines/public", stranger.token],
      ["/api/v1/timelines/public?local=true", reader.token],
      ["/api/v1/timelines/public?remote=true", reader.token],
      ["/api/v1/timelines/tag/secret", null],
      ["/api/v1/timelines/tag/secret", reader.token],
      ["/api/v1/timelines/home", stranger.token],
    ] as const) {
      const body = await read(path, token);
      expect(body, path).not.toContain(privateCanary);
      expect(body, path).not.toContain(directCanary);
    }
    // A list shows its members' followers-only posts to the owner, who follows them; never a direct one.
    const listed = await read(`/api/v1/timelines/list/${list.id}`, reader.token);
    expect(listed).toContain(privateCanary);
    expect(listed).not.toContain(directCanary);
    // The canaries are real: their audiences see them.
    expect(await read("/api/v1/timelines/home", reader.token)).toContain(privateCanary);
    expect(await read("/api/v1/timelines/home", alice.token)).toContain(directCanary);
  });

  it("answers 401 on home without a token, 403 without the scope, 404 for the removed direct timeline", async () => {
    expect((await t.call("/api/v1/timelines/home", null)).status).toBe(401);
    const writeOnly = await t.user("writer", "write");
    expect((await t.call("/api/v1/timelines/home", writeOnly.token)).status).toBe(403);
    expect((await t.call("/api/v1/timelines/direct", alice.token)).status).toBe(404);
  });
});
