// Trends: hashtags used by the most accounts, public statuses with the most
// interactions, and the links shared most, over the last week; public, with
// offset paging, checked against openapi.json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, bob: TestUser, carol: TestUser;

const get = async <T>(path: string, token: string | null = null) => {
  const response = await t.call(path, token);
  expect(response.status, path).toBe(200);
  return { body: await response.json() as T, link: response.headers.get("Link") };
};

beforeAll(async () => {
  t = await startApiTest();
  alice = await t.user("alice");
  bob = await t.user("bob");
  carol = await t.user("carol");
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("trends", () => {
  it("starts empty, in the right shape", async () => {
    for (const path of ["/api/v1/trends/tags", "/api/v1/trends/statuses", "/api/v1/trends/links", "/api/v1/trends"]) {
      expect((await get(path)).body).toEqual([]);
    }
  });

  it("ranks hashtags by distinct accounts, then uses", async () => {
    await t.post(alice, "#spring #spring #garden");
    await t.post(alice, "more #garden");
    await t.post(alice, "and #garden again");
    await t.post(bob, "#spring is here");
    await t.post(carol, "#spring!");
    await t.post(carol, "private #secret", { visibility: "private" });
    const { body, link } = await get<{ name: string; history: { uses: string; accounts: string }[] }[]>("/api/v1/trends/tags");
    expectEntities(body, "Tag");
    expect(body.map((tag) => tag.name)).toEqual(["spring", "garden"]);
    expect(body[0]!.history[0]).toMatchObject({ uses: "3", accounts: "3" });
    expect(link).toBeNull();
    const first = await get<{ name: string }[]>("/api/v1/trends/tags?limit=1");
    expect(first.body.map((tag) => tag.name)).toEqual(["spring"]);
    expect(first.link).toBe('<https://parley.test/api/v1/trends/tags?limit=1&offset=1>; rel="next"');
    expect((await get<{ name: string }[]>("/api/v1/trends/tags?limit=1&offset=1")).body.map((tag) => tag.name)).toEqual(["garden"]);
  });

  it("ranks public statuses by interactions, without those the viewer hides", async () => {
    const popular = await t.post(bob, "popular post");
    const liked = await t.post(carol, "liked post");
    await t.post(carol, "ignored post");
    const hidden = await t.post(bob, "private but popular", { visibility: "private" });
    for (const fan of [alice, carol]) await t.call(`/api/v1/statuses/${popular.id}/favourite`, fan.token, { method: "POST" });
    await t.call(`/api/v1/statuses/${popular.id}/reblog`, alice.token, { method: "POST" });
    await t.call(`/api/v1/statuses/${liked.id}/favourite`, alice.token, { method: "POST" });
    await t.app.services.followAccount({ followerId: alice.id, targetId: bob.id, origin: "local" });
    await t.call(`/api/v1/statuses/${hidden.id}/favourite`, alice.token, { method: "POST" });
    const { body } = await get<{ id: string }[]>("/api/v1/trends/statuses");
    expectEntities(body, "Status");
    expect(body.map((s) => s.id)).toEqual([popular.id, liked.id]);
    await t.app.services.muteAccount({ accountId: carol.id, targetId: bob.id, notifications: true });
    expect((await get<{ id: string }[]>("/api/v1/trends/statuses", carol.token)).body.map((s) => s.id)).toEqual([liked.id]);
  });

  it("ranks links shared in public statuses, leaving out mentions and hashtags", async () => {
    await t.post(alice, "read https://news.example/story#top and #garden @bob");
    await t.post(bob, "this: https://news.example/story");
    await t.post(carol, "see https://blog.example/");
    await t.post(carol, "quiet https://secret.example/", { visibility: "private" });
    const { body } = await get<{ url: string; history: { uses: string; accounts: string }[] }[]>("/api/v1/trends/links");
    expectEntities(body, "TrendsLink");
    expect(body.map((l) => l.url)).toEqual(["https://news.example/story", "https://blog.example/"]);
    expect(body[0]!.history[0]).toMatchObject({ uses: "2", accounts: "2" });
    expect(body[0]).toMatchObject({ type: "link", provider_name: "news.example", title: "news.example/story" });
  });

  it("answers 401 for a bad token", async () => {
    expect((await t.call("/api/v1/trends/tags", "bogus")).status).toBe(401);
  });
});
