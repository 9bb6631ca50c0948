// Relationship actions through the API: follow (with options), requests and
// their answers, unfollow, remove from followers, block, mute, note,
// endorse; the Relationship entity for many accounts at once, the block,
// mute, request and endorsement lists, and 401/403/404 for each family.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type AccountsTest, startAccountsTest, type User } from "./accounts-helpers.ts";

let t: AccountsTest;
let ann: User, ben: User, cat: User, dan: User;

beforeAll(async () => {
  t = await startAccountsTest();
  ann = await t.user("ann");
  ben = await t.user("ben");
  cat = await t.user("cat", { locked: true });
  dan = await t.user("dan");
});
afterAll(async () => {
  await t?.app.dispose();
});

const act = async (user: User, targetId: string, action: string, body: unknown = {}) => {
  const res = await t.send("POST", `/api/v1/accounts/${targetId}/${action}`, user.token, body);
  expect(res.status, `${action} answers 200`).toBe(200);
  const relationship = await res.json() as any;
  expectEntity(relationship, "Relationship");
  return relationship;
};
const relationship = async (user: User, target: User) => (await t.get(`/api/v1/accounts/relationships?id[]=${target.id}`, user.token))[0];

describe("following", () => {
  it("follows with options, changes them by following again, and unfollows", async () => {
    const followed = await act(ann, ben.id, "follow", { reblogs: false, notify: true, languages: ["en", "de"] });
    expect(followed).toMatchObject({ id: ben.id, following: true, showing_reblogs: false, notifying: true, languages: ["en", "de"], requested: false });
    expect(await act(ann, ben.id, "follow", { reblogs: true })).toMatchObject({ showing_reblogs: true, notifying: true, languages: ["en", "de"] });
    expect(await relationship(ben, ann)).toMatchObject({ followed_by: true, following: false });
    const followers = await t.get(`/api/v1/accounts/${ben.id}/followers`, null);
    expect(followers.map((a: any) => a.id)).toEqual([ann.id]);
    expect(await act(ann, ben.id, "unfollow")).toMatchObject({ following: false, showing_reblogs: false, notifying: false, languages: null });
    expect(await t.get(`/api/v1/accounts/${ben.id}/followers`, null)).toEqual([]);
  });

  it("asks a locked account, which lists, authorizes or rejects the requests", async () => {
    expect(await act(ann, cat.id, "follow", { notify: true })).toMatchObject({ following: false, requested: true, notifying: true, showing_reblogs: true });
    await act(ben, cat.id, "follow");
    expect(await relationship(cat, ann)).toMatchObject({ requested_by: true });
    const listed = await t.call("/api/v1/follow_requests?limit=1", cat.token);
    const page = await listed.json() as any[];
    expectEntities(page, "Account");
    expect(page.map((a) => a.id)).toEqual([ben.id]);
    expect(listed.headers.get("Link")).toContain("max_id=");
    const authorized = await t.call(`/api/v1/follow_requests/${ann.id}/authorize`, cat.token, { method: "POST" });
    expect(await authorized.json()).toMatchObject({ id: ann.id, followed_by: true, requested_by: false });
    // The request's options carry over to the follow.
    expect(await relationship(ann, cat)).toMatchObject({ following: true, notifying: true });
    expect(await (await t.call(`/api/v1/follow_requests/${ben.id}/reject`, cat.token, { method: "POST" })).json()).toMatchObject({ followed_by: false, requested_by: false });
    expect(await t.get("/api/v1/follow_requests", cat.token)).toEqual([]);
    expect((await t.call(`/api/v1/follow_requests/${ben.id}/authorize`, cat.token, { method: "POST" })).status).toBe(404);
    expect((await t.call("/api/v1/follow_requests/123/reject", cat.token, { method: "POST" })).status).toBe(404);
    expect((await t.call("/api/v1/follow_requests", null)).status).toBe(401);
    expect((await t.call("/api/v1/follow_requests", await t.token(cat, "write"))).status).toBe(403);
  });

  it("removes a follower", async () => {
    await act(dan, ann.id, "follow");
    expect(await act(ann, dan.id, "remove_from_followers")).toMatchObject({ followed_by: false });
    expect(await relationship(dan, ann)).toMatchObject({ following: false });
    // Nobody to remove is fine too.
    expect(await act(ann, dan.id, "remove_from_followers")).toMatchObject({ followed_by: false });
  });

  it("answers 401, 403 and 404 for the actions", async () => {
    expect((await t.call(`/api/v1/accounts/${ben.id}/follow`, null, { method: "POST" })).status).toBe(401);
    const readOnly = await t.token(ann, "read");
    for (const action of ["follow", "block", "mute", "note", "endorse"]) {
      expect((await t.call(`/api/v1/accounts/${ben.id}/${action}`, readOnly, { method: "POST" })).status).toBe(403);
      expect((await t.call(`/api/v1/accounts/123/${action}`, ann.token, { method: "POST" })).status).toBe(404);
    }
    expect((await t.call(`/api/v1/accounts/relationships?id[]=${ben.id}`, null)).status).toBe(401);
    expect((await t.call(`/api/v1/accounts/relationships?id[]=${ben.id}`, await t.token(ann, "write"))).status).toBe(403);
  });
});

describe("blocks, mutes, notes and endorsements", () => {
  it("blocks and unblocks, seen from both sides and in the block list", async () => {
    await act(ben, dan.id, "follow");
    expect(await act(dan, ben.id, "block")).toMatchObject({ blocking: true, followed_by: false });
    expect(await relationship(ben, dan)).toMatchObject({ blocked_by: true, following: false });
    const blocks = await t.get("/api/v1/blocks", dan.token);
    expectEntities(blocks, "Account");
    expect(blocks.map((a: any) => a.id)).toEqual([ben.id]);
    expect((await t.call(`/api/v1/accounts/${dan.id}/follow`, ben.token, { method: "POST" })).status).toBe(403);
    expect(await act(dan, ben.id, "unblock")).toMatchObject({ blocking: false });
    expect(await t.get("/api/v1/blocks", dan.token)).toEqual([]);
    expect((await t.call("/api/v1/blocks", await t.token(dan, "write"))).status).toBe(403);
  });

  it("mutes for a while or for good, with or without notifications", async () => {
    const before = Date.now();
    const muted = await act(ann, ben.id, "mute", { duration: 3600, notifications: false });
    expect(muted).toMatchObject({ muting: true, muting_notifications: false });
    const expires = Date.parse(muted.muting_expires_at);
    expect(expires).toBeGreaterThanOrEqual(before + 3600_000);
    expect(expires).toBeLessThan(Date.now() + 3600_000 + 1000);
    await act(ann, dan.id, "mute");
    const mutes = await t.get("/api/v1/mutes", ann.token);
    expectEntities(mutes, "MutedAccount");
    expect(mutes.map((m: any) => [m.id, m.mute_expires_at === null])).toEqual([[dan.id, true], [ben.id, false]]);
    expect(await relationship(ann, dan)).toMatchObject({ muting: true, muting_notifications: true, muting_expires_at: null });
    // A mute past its end counts as none.
    await t.app.database.db.updateTable("mutes").set({ expires_at: Date.now() - 1000 }).where("target_account_id", "=", ben.id).execute();
    expect(await relationship(ann, ben)).toMatchObject({ muting: false });
    expect((await t.get("/api/v1/mutes", ann.token)).map((m: any) => m.id)).toEqual([dan.id]);
    expect(await act(ann, dan.id, "unmute")).toMatchObject({ muting: false });
    expect((await t.send("POST", `/api/v1/accounts/${dan.id}/mute`, ann.token, { duration: -5 })).status).toBe(422);
    expect((await t.call("/api/v1/mutes", null)).status).toBe(401);
  });

  it("keeps a private note", async () => {
    expect(await act(ann, dan.id, "note", { comment: "met at the conference" })).toMatchObject({ note: "met at the conference" });
    expect(await act(ann, dan.id, "note", { comment: "" })).toMatchObject({ note: "" });
    expect((await t.send("POST", `/api/v1/accounts/${dan.id}/note`, ann.token, { comment: "x".repeat(2001) })).status).toBe(422);
  });

  it("endorses only followed accounts, lists them, and unfollowing ends it", async () => {
    const refused = await t.call(`/api/v1/accounts/${dan.id}/endorse`, ann.token, { method: "POST" });
    expect(refused.status).toBe(422);
    expectEntity(await refused.json(), "Error");
    await act(ann, dan.id, "follow");
    expect(await act(ann, dan.id, "endorse")).toMatchObject({ endorsed: true });
    expect(await act(ann, dan.id, "pin")).toMatchObject({ endorsed: true });
    const mine = await t.get("/api/v1/endorsements", ann.token);
    expectEntities(mine, "Account");
    expect(mine.map((a: any) => a.id)).toEqual([dan.id]);
    expect((await t.get(`/api/v1/accounts/${ann.id}/endorsements`, null)).map((a: any) => a.id)).toEqual([dan.id]);
    await act(ann, dan.id, "unfollow");
    expect(await relationship(ann, dan)).toMatchObject({ endorsed: false });
    expect(await t.get("/api/v1/endorsements", ann.token)).toEqual([]);
    expect((await t.call("/api/v1/endorsements", await t.token(ann, "write"))).status).toBe(403);
  });
});

describe("relationships of many accounts", () => {
  it("answers in the order asked, skipping unknown ids, with familiar followers", async () => {
    const eve = await t.user("eve");
    await act(ben, eve.id, "follow");
    await act(ann, ben.id, "follow");
    await act(eve, ann.id, "follow");
    const list = await t.get(`/api/v1/accounts/relationships?id[]=${eve.id}&id[]=999&id[]=${ben.id}&id[]=${eve.id}`, ann.token);
    expectEntities(list, "Relationship");
    expect(list.map((r: any) => [r.id, r.following, r.followed_by])).toEqual([[eve.id, false, true], [ben.id, true, false]]);
    const familiar = await t.get(`/api/v1/accounts/familiar_followers?id[]=${eve.id}&id[]=${dan.id}`, ann.token);
    expectEntities(familiar, "FamiliarFollowers");
    expect(familiar.map((f: any) => [f.id, f.accounts.map((a: any) => a.id)])).toEqual([[eve.id, [ben.id]], [dan.id, []]]);
    expect((await t.call(`/api/v1/accounts/familiar_followers?id[]=${eve.id}`, await t.token(ann, "write"))).status).toBe(403);
  });
});
