// GET /api/v2/search: accounts, hashtags and full-text statuses. Statuses are
// only found by someone who may see them (a canary word in private and
// direct posts), query syntax of the engines is only text, and anonymous
// callers get Mastodon's limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

type Search = { accounts: { id: string; acct: string }[]; statuses: { id: string }[]; hashtags: { name: string }[] };

let t: ApiTest;
let alice: TestUser, follower: TestUser, stranger: TestUser, friend: TestUser;

const search = async (query: string, token: string | null) => {
  const response = await t.call(`/api/v2/search?${query}`, token);
  expect(response.status).toBe(200);
  const body = await response.json() as Search;
  expectEntity(body, "Search");
  return body;
};
const statusIds = async (q: string, token: string | null) => (await search(`q=${encodeURIComponent(q)}&type=statuses`, token)).statuses.map((s) => s.id);

beforeAll(async () => {
  t = await startApiTest();
  alice = await t.user("alice");
  follower = await t.user("follower");
  stranger = await t.user("stranger");
  friend = await t.user("friend");
  await t.follow(follower, alice);
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("status search and visibility", () => {
  it("finds a private canary only for those who may see it", async () => {
    const secret = await t.post(alice, "The zqxcanary sings for followers", { visibility: "private" });
    expect(await statusIds("zqxcanary", alice.token)).toEqual([secret.id]);
    expect(await statusIds("zqxcanary", follower.token)).toEqual([secret.id]);
    expect(await statusIds("zqxcanary", stranger.token)).toEqual([]);
    // Anonymous callers get no status search at all (Mastodon's behaviour).
    expect(await statusIds("zqxcanary", null)).toEqual([]);
  });

  it("finds a direct canary only for its author and the mentioned account", async () => {
    const direct = await t.post(alice, "@friend the vwkcanary is ours", { visibility: "direct" });
    expect(await statusIds("vwkcanary", friend.token)).toEqual([direct.id]);
    expect(await statusIds("vwkcanary", alice.token)).toEqual([direct.id]);
    expect(await statusIds("vwkcanary", follower.token)).toEqual([]);
    expect(await statusIds("vwkcanary", stranger.token)).toEqual([]);
  });

  it("finds public and unlisted posts for any signed-in caller, not for those blocked", async () => {
    const open = await t.post(alice, "Walking the <b>yellowdog</b> &amp; friends", { visibility: "public" });
    const quiet = await t.post(alice, "Another yellowdog walk", { visibility: "unlisted" });
    expect(new Set(await statusIds("yellowdog", stranger.token))).toEqual(new Set([open.id, quiet.id]));
    // Words of the markup are not indexed.
    expect(await statusIds("href", stranger.token)).toEqual([]);
    const blocked = await t.user("blocked");
    await t.app.services.blockAccount({ accountId: alice.id, targetId: blocked.id, origin: "local" });
    expect(await statusIds("yellowdog", blocked.token)).toEqual([]);
    // Every word must match; case and accents do not matter on SQLite and are lowercased on both.
    expect(await statusIds("YELLOWDOG walk", stranger.token)).toEqual([quiet.id]);
  });

  it("follows edits and deletions", async () => {
    const post = await t.post(alice, "original wording mauvetoken");
    expect(await statusIds("mauvetoken", stranger.token)).toEqual([post.id]);
    const edited = await t.send("PUT", `/api/v1/statuses/${post.id}`, alice.token, { status: "edited wording cyantoken" });
    expect(edited.status).toBe(200);
    expect(await statusIds("mauvetoken", stranger.token)).toEqual([]);
    expect(await statusIds("cyantoken", stranger.token)).toEqual([post.id]);
    await t.call(`/api/v1/statuses/${post.id}`, alice.token, { method: "DELETE" });
    expect(await statusIds("cyantoken", stranger.token)).toEqual([]);
  });

  it("treats query syntax as text on both engines", async () => {
    const target = await t.post(alice, "quokka NEAR wombat: (marsupials) \"quoted\" * stars");
    for (const hostile of ['"', '""', "*", "(", ")", ":", "NEAR(quokka wombat)", "quokka OR wombat", "-quokka", "^quokka", "quokka:", "'; drop table statuses; --", "\\", "%", "_", "&|!", "a & b | !c", "quokka*", "{quokka}", "col:quokka", "\u0000"]) {
      const response = await t.call(`/api/v2/search?type=statuses&q=${encodeURIComponent(hostile)}`, stranger.token);
      expect(response.status, hostile).toBe(200);
      expectEntity(await response.json(), "Search");
    }
    expect(await statusIds('"quokka" NEAR(wombat)', stranger.token)).toEqual([target.id]);
    expect(await statusIds("(marsupials)", stranger.token)).toEqual([target.id]);
  });

  it("pages statuses with limit, offset, max_id and min_id, and filters by account", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await t.post(alice, `pagination lemonword ${i}`)).id);
    const other = await t.post(stranger, "lemonword by someone else");
    const all = await statusIds("lemonword", follower.token);
    expect(all).toEqual([other.id, ...ids.reverse()]);
    expect((await search(`q=lemonword&type=statuses&limit=2&offset=1`, follower.token)).statuses.map((s) => s.id)).toEqual(all.slice(1, 3));
    expect((await search(`q=lemonword&type=statuses&max_id=${all[1]}`, follower.token)).statuses.map((s) => s.id)).toEqual(all.slice(2));
    expect((await search(`q=lemonword&type=statuses&min_id=${all[2]}`, follower.token)).statuses.map((s) => s.id)).toEqual(all.slice(0, 2));
    expect((await search(`q=lemonword&type=statuses&account_id=${stranger.id}`, follower.token)).statuses.map((s) => s.id)).toEqual([other.id]);
    expect((await search(`q=lemonword&type=statuses&following=true`, follower.token)).statuses.map((s) => s.id)).toEqual(all.slice(1));
  });
});

describe("account and hashtag search", () => {
  it("finds accounts by name or handle, anonymously too", async () => {
    const remote = await t.remoteAccount("alicia", "far.example");
    const byPrefix = await search("q=ali&type=accounts", null);
    expect(byPrefix.accounts.map((a) => a.acct)).toEqual(expect.arrayContaining(["alice", "alicia@far.example"]));
    const byHandle = await search("q=%40alicia%40far.example", stranger.token);
    expect(byHandle.accounts.map((a) => a.id)).toEqual([remote.id]);
    expect(byHandle.hashtags).toEqual([]);
    // A local handle with this host is a local account.
    expect((await search("q=alice%40parley.test&type=accounts", stranger.token)).accounts.map((a) => a.acct)).toEqual(["alice"]);
  });

  it("finds hashtags by prefix, the exact one first", async () => {
    await t.post(alice, "#parleyfans and #parley and #parleying");
    const tags = (await search("q=%23parley&type=hashtags", null)).hashtags.map((h) => h.name);
    expect(tags[0]).toBe("parley");
    expect(tags).toEqual(expect.arrayContaining(["parleyfans", "parleying"]));
    expect((await search("q=%23", null)).hashtags).toEqual([]);
  });

  it("answers 400 without q, 401 for anonymous offset or resolve, 403 without the scope", async () => {
    const missing = await t.call("/api/v2/search", stranger.token);
    expect(missing.status).toBe(400);
    expectEntity(await missing.json(), "Error");
    expect((await t.call("/api/v2/search?q=x&offset=1", null)).status).toBe(401);
    expect((await t.call("/api/v2/search?q=x&resolve=true", null)).status).toBe(401);
    expect((await t.call("/api/v2/search?q=x", "not-a-token")).status).toBe(401);
    const writeOnly = await t.user("writer", "write");
    expect((await t.call("/api/v2/search?q=x", writeOnly.token)).status).toBe(403);
    expect((await t.call("/api/v2/search?q=x", (await t.user("searcher", "read:search")).token)).status).toBe(200);
  });
});
