// Hashtags: the Tag entity with seven days of history, following tags (their
// public posts enter the home timeline), followed tags paged, featured tags
// and their suggestions; with 401/403/404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type AccountsTest, startAccountsTest, type User } from "./accounts-helpers.ts";

let t: AccountsTest;
let fan: User, poster: User;

beforeAll(async () => {
  t = await startAccountsTest();
  fan = await t.user("fan");
  poster = await t.user("poster");
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("tags", () => {
  it("shows a tag with seven days of public use; unknown valid names too; 404 for bad names", async () => {
    await t.post(poster, "#Gardening today");
    await t.post(poster, "more #gardening");
    await t.post(fan, "#gardening too");
    await t.post(fan, "secret #gardening", { visibility: "private" });
    const tag = await t.get("/api/v1/tags/GARDENING", fan.token);
    expectEntity(tag, "Tag");
    expect(tag).toMatchObject({ name: "gardening", url: "https://parley.test/tags/gardening", following: false, featuring: false });
    expect(tag.history).toHaveLength(7);
    expect(tag.history[0]).toEqual({ day: String(Math.floor(Date.now() / 86_400_000) * 86_400), uses: "3", accounts: "2" });
    expect(tag.history.slice(1).every((d: any) => d.uses === "0")).toBe(true);
    const anonymous = await t.get("/api/v1/tags/gardening", null);
    expect(anonymous.following).toBeUndefined();
    const unknown = await t.get("/api/v1/tags/neverused", null);
    expectEntity(unknown, "Tag");
    expect(unknown).toMatchObject({ id: "", name: "neverused" });
    expect((await t.call("/api/v1/tags/not%20a%20tag", null)).status).toBe(404);
  });

  it("follows a tag: its public posts, from anyone, enter the follower's home", async () => {
    const followed = await t.call("/api/v1/tags/%23Knitting/follow", fan.token, { method: "POST" });
    expect(followed.status).toBe(200);
    const tag = await followed.json() as any;
    expectEntity(tag, "Tag");
    expect(tag).toMatchObject({ name: "knitting", following: true });
    expect(tag.id).not.toBe("");
    const local = await t.post(poster, "a #knitting pattern");
    const unlisted = await t.post(poster, "quiet #knitting", { visibility: "unlisted" });
    const stranger = await t.remote("yarn", "wool.example");
    const remote = await t.remotePost(stranger, "#knitting from afar", { tags: ["Knitting"] });
    let home = await t.home(fan);
    expect(home).toContain(local);
    expect(home).toContain(remote.id);
    expect(home).not.toContain(unlisted);
    await t.send("POST", `/api/v1/accounts/${poster.id}/mute`, fan.token);
    const muted = await t.post(poster, "muted #knitting");
    expect(await t.home(fan)).not.toContain(muted);

    const unfollowed = await (await t.call("/api/v1/tags/knitting/unfollow", fan.token, { method: "POST" })).json() as any;
    expect(unfollowed.following).toBe(false);
    const after = await t.remotePost(stranger, "#knitting again", { tags: ["knitting"] });
    home = await t.home(fan);
    expect(home).not.toContain(after.id);
    expect((await t.call("/api/v1/tags/knitting/follow", null, { method: "POST" })).status).toBe(401);
    expect((await t.call("/api/v1/tags/knitting/follow", await t.token(fan, "read"), { method: "POST" })).status).toBe(403);
    expect((await t.call("/api/v1/tags/no%20way/follow", fan.token, { method: "POST" })).status).toBe(404);
  });

  it("pages the followed tags with a Link header", async () => {
    for (const name of ["alpha", "beta", "gamma"]) await t.call(`/api/v1/tags/${name}/follow`, fan.token, { method: "POST" });
    const first = await t.call("/api/v1/followed_tags?limit=2", fan.token);
    const page = await first.json() as any[];
    expectEntities(page, "Tag");
    expect(page.map((tag) => tag.name)).toEqual(["gamma", "beta"]);
    expect(page.every((tag) => tag.following)).toBe(true);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("Link")!)![1]!;
    expect((await t.get(new URL(next).pathname + new URL(next).search, fan.token)).map((tag: any) => tag.name)).toEqual(["alpha"]);
    expect((await t.call("/api/v1/followed_tags", null)).status).toBe(401);
    expect((await t.call("/api/v1/followed_tags", await t.token(fan, "write"))).status).toBe(403);
  });
});

describe("featured tags", () => {
  it("features, lists with public counts, suggests used ones, and removes", async () => {
    await t.post(poster, "#Photography one");
    await t.post(poster, "#photography two");
    await t.post(poster, "#photography hidden", { visibility: "private" });
    await t.post(poster, "#cooking");
    const suggestions = await t.get("/api/v1/featured_tags/suggestions", poster.token);
    expectEntities(suggestions, "Tag");
    expect(suggestions.map((s: any) => s.name)).toEqual(expect.arrayContaining(["photography", "cooking", "gardening"]));

    const created = await t.send("POST", "/api/v1/featured_tags", poster.token, { name: "#Photography" });
    expect(created.status).toBe(200);
    const featured = await created.json() as any;
    expectEntity(featured, "FeaturedTag");
    expect(featured).toMatchObject({ name: "photography", statuses_count: "2", url: "https://parley.test/@poster/tagged/photography" });
    expect(featured.last_status_at).toBe(new Date().toISOString().slice(0, 10));
    expect((await t.get("/api/v1/featured_tags/suggestions", poster.token)).map((s: any) => s.name)).not.toContain("photography");
    const listed = await t.get(`/api/v1/accounts/${poster.id}/featured_tags`, null);
    expectEntities(listed, "FeaturedTag");
    expect(listed.map((f: any) => f.id)).toEqual([featured.id]);
    expect((await t.get("/api/v1/featured_tags", poster.token)).map((f: any) => f.id)).toEqual([featured.id]);

    // The same through /api/v1/tags/:name/feature (Mastodon 4.4).
    const viaTag = await (await t.call("/api/v1/tags/cooking/feature", poster.token, { method: "POST" })).json() as any;
    expect(viaTag).toMatchObject({ name: "cooking", featuring: true });
    expect(await (await t.call("/api/v1/tags/cooking/unfeature", poster.token, { method: "POST" })).json()).toMatchObject({ featuring: false });

    for (let i = 0; i < 9; i++) await t.send("POST", "/api/v1/featured_tags", poster.token, { name: `topic${i}` });
    const tooMany = await t.send("POST", "/api/v1/featured_tags", poster.token, { name: "onemore" });
    expect(tooMany.status).toBe(422);
    expectEntity(await tooMany.json(), "Error");
    expect((await t.send("POST", "/api/v1/featured_tags", poster.token, { name: "bad name" })).status).toBe(422);

    expect((await t.call(`/api/v1/featured_tags/${featured.id}`, fan.token, { method: "DELETE" })).status).toBe(404);
    expect((await t.call(`/api/v1/featured_tags/${featured.id}`, poster.token, { method: "DELETE" })).status).toBe(200);
    expect((await t.get("/api/v1/featured_tags", poster.token)).map((f: any) => f.name)).not.toContain("photography");
    expect((await t.call("/api/v1/featured_tags", null)).status).toBe(401);
    expect((await t.send("POST", "/api/v1/featured_tags", await t.token(poster, "read"), { name: "x" })).status).toBe(403);
  });
});
