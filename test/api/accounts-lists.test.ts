// An account's statuses (visibility for anonymous, followers, mentioned and
// blocked viewers; filters; paging) and its followers and follows, paged by
// follow with Link headers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type AccountsTest, startAccountsTest, type User } from "./accounts-helpers.ts";

let t: AccountsTest;
let priv: User, follower: User, stranger: User, mentioned: User;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startAccountsTest();
  priv = await t.user("priv", { locked: true });
  follower = await t.user("follower");
  stranger = await t.user("stranger");
  mentioned = await t.user("mentioned");
  await t.app.services.followAccount({ followerId: follower.id, targetId: priv.id, origin: "local" });
  await t.app.services.acceptFollowRequest({ followerId: follower.id, targetId: priv.id, origin: "local" });
  ids.public = await t.post(priv, "hello #Cats", { visibility: "public" });
  ids.unlisted = await t.post(priv, "quietly", { visibility: "unlisted" });
  ids.private = await t.post(priv, "followers only", { visibility: "private" });
  ids.direct = await t.post(priv, "psst @mentioned", { visibility: "direct" });
  ids.mentionedPrivate = await t.post(priv, "you too @mentioned", { visibility: "private" });
  ids.selfReply = await t.post(priv, "thread", { in_reply_to_id: ids.public });
  const other = await t.post(stranger, "a stranger's post");
  ids.reply = await t.post(priv, "@stranger replying", { in_reply_to_id: other });
  ids.reblog = ((await (await t.call(`/api/v1/statuses/${other}/reblog`, priv.token, { method: "POST" })).json()) as { id: string }).id;
});
afterAll(async () => {
  await t?.app.dispose();
});

const list = async (query: string, user: User | null) =>
  ((await t.get(`/api/v1/accounts/${priv.id}/statuses${query}`, user?.token ?? null)) as { id: string }[]).map((s) => s.id);

describe("GET /api/v1/accounts/:id/statuses", () => {
  it("shows each viewer only what they may see", async () => {
    const anonymous = await list("", null);
    expect(anonymous).toEqual([ids.reblog, ids.reply, ids.selfReply, ids.unlisted, ids.public].sort().reverse());
    expect(new Set(await list("", stranger))).toEqual(new Set(anonymous));
    // A private account's followers-only posts are not listed for non-followers.
    expect(await list("", stranger)).not.toContain(ids.private);
    const asFollower = await list("", follower);
    expect(asFollower).toContain(ids.private);
    expect(asFollower).toContain(ids.mentionedPrivate);
    expect(asFollower).not.toContain(ids.direct);
    const asMentioned = await list("", mentioned);
    expect(asMentioned).toContain(ids.direct);
    expect(asMentioned).toContain(ids.mentionedPrivate);
    expect(asMentioned).not.toContain(ids.private);
    expect(await list("", priv)).toHaveLength(Object.keys(ids).length);
    expectEntities(await t.get(`/api/v1/accounts/${priv.id}/statuses`, follower.token), "Status");
  });

  it("filters replies, reblogs, media, tags and pins", async () => {
    const noReplies = await list("?exclude_replies=true", follower);
    expect(noReplies).toContain(ids.selfReply);
    expect(noReplies).not.toContain(ids.reply);
    expect(await list("?exclude_reblogs=1", null)).not.toContain(ids.reblog);
    expect(await list("?tagged=cats", null)).toEqual([ids.public]);
    expect(await list("?tagged=%23CATS", null)).toEqual([ids.public]);
    expect(await list("?only_media=true", null)).toEqual([]);
    expect(await list("?pinned=true", priv)).toEqual([]);
    for (const id of [ids.public, ids.unlisted]) expect((await t.call(`/api/v1/statuses/${id}/pin`, priv.token, { method: "POST" })).status).toBe(200);
    expect(await list("?pinned=true", null)).toEqual([ids.unlisted, ids.public]);
    // Pinned or not, a followers-only post stays hidden from others (remote servers may pin them).
    await t.app.database.db.insertInto("status_pins").values({ id: ids.private!, account_id: priv.id, status_id: ids.private!, created_at: Date.now() }).execute();
    expect(await list("?pinned=true", follower)).toEqual([ids.private, ids.unlisted, ids.public]);
    expect(await list("?pinned=true", stranger)).toEqual([ids.unlisted, ids.public]);
  });

  it("pages with max_id and min_id and a Link header", async () => {
    const all = await list("", priv);
    const first = await t.call(`/api/v1/accounts/${priv.id}/statuses?limit=2`, priv.token);
    expect(((await first.json()) as { id: string }[]).map((s) => s.id)).toEqual(all.slice(0, 2));
    const link = first.headers.get("Link")!;
    expect(link).toContain(`max_id=${all[1]}`);
    expect(link).toContain(`min_id=${all[0]}`);
    expect(await list(`?limit=2&max_id=${all[1]}`, priv)).toEqual(all.slice(2, 4));
    expect(await list(`?limit=2&min_id=${all[3]}`, priv)).toEqual(all.slice(1, 3));
  });

  it("is empty for someone the account blocks, and refuses a token without the scope", async () => {
    await t.app.services.blockAccount({ accountId: priv.id, targetId: stranger.id, origin: "local" });
    expect(await list("", stranger)).toEqual([]);
    expect(await t.get(`/api/v1/accounts/${priv.id}/followers`, stranger.token)).toEqual([]);
    await t.app.services.unblockAccount({ accountId: priv.id, targetId: stranger.id, origin: "local" });
    expect((await t.call(`/api/v1/accounts/${priv.id}/statuses`, await t.token(stranger, "write"))).status).toBe(403);
  });
});

describe("followers and following", () => {
  it("pages by follow, newest first, with Link headers both ways", async () => {
    const star = await t.user("star");
    const fans: User[] = [];
    for (let i = 0; i < 5; i++) {
      const fan = await t.user(`fan${i}`);
      await t.call(`/api/v1/accounts/${star.id}/follow`, fan.token, { method: "POST" });
      fans.push(fan);
    }
    const first = await t.call(`/api/v1/accounts/${star.id}/followers?limit=2`, null);
    const page1 = await first.json() as { id: string }[];
    expectEntities(page1, "Account");
    expect(page1.map((a) => a.id)).toEqual([fans[4]!.id, fans[3]!.id]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("Link")!)![1]!;
    expect(next).toContain("limit=2");
    const page2 = await t.get(new URL(next).pathname + new URL(next).search, null);
    expect(page2.map((a: any) => a.id)).toEqual([fans[2]!.id, fans[1]!.id]);
    const prev = /<([^>]+)>; rel="prev"/.exec((await t.call(new URL(next).pathname + new URL(next).search, null)).headers.get("Link")!)![1]!;
    expect((await t.get(new URL(prev).pathname + new URL(prev).search, null)).map((a: any) => a.id)).toEqual([fans[4]!.id, fans[3]!.id]);
    expect(await t.get(`/api/v1/accounts/${star.id}/followers?limit=500`, null)).toHaveLength(5);
    const following = await t.get(`/api/v1/accounts/${fans[0]!.id}/following`, null);
    expect(following.map((a: any) => a.id)).toEqual([star.id]);
    expectEntity(following[0], "Account");
  });
});
