// The notification policy (API v2) and notification requests (API v1):
// a stranger's mention is filtered into a request, accepting merges it and
// lets later ones through, dismissing deletes it, drop creates nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, friend: TestUser;
type Notification = { id: string; type: string; account: { id: string } };
type Request = { id: string; notifications_count: string; account: { id: string }; last_status: { id: string } | null };

const types = async (user: TestUser, query = "") => (await t.json<Notification[]>(t.call(`/api/v1/notifications${query}`, user.token))).map((n) => `${n.type}:${n.account.id}`);

beforeAll(async () => {
  t = await startApiTest();
  [alice, friend] = [await t.user("alice"), await t.user("friend")];
  await t.follow(alice, friend);
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("notification policy", () => {
  it("starts at Mastodon's defaults and changes with PATCH", async () => {
    const policy = await t.json(t.call("/api/v2/notifications/policy", alice.token));
    expectEntity(policy, "NotificationPolicy");
    expect(policy).toMatchObject({ for_not_following: "accept", for_private_mentions: "filter", summary: { pending_requests_count: 0, pending_notifications_count: 0 } });
    const patched = await t.json(t.send("PATCH", "/api/v2/notifications/policy", alice.token, { for_not_following: "filter" }));
    expectEntity(patched, "NotificationPolicy");
    expect(patched).toMatchObject({ for_not_following: "filter", for_new_accounts: "accept" });
    expect((await t.send("PATCH", "/api/v2/notifications/policy", alice.token, { for_new_accounts: "maybe" })).status).toBe(422);
    expect((await t.call("/api/v2/notifications/policy", null)).status).toBe(401);
    const scoped = await t.user("scoped", "read:notifications");
    expect((await t.send("PATCH", "/api/v2/notifications/policy", scoped.token, { for_not_following: "drop" })).status).toBe(403);
  });

  it("files a stranger's mention under a request, local or remote, and lets a followed account through", async () => {
    const stranger = await t.user("stranger");
    const mention = await t.post(stranger, "@alice hi there");
    await t.post(friend, "@alice hello friend");
    const remote = await t.remoteAccount("farfar");
    await t.remoteStatus(remote, "@alice from afar", { mentionAccountIds: [alice.id] });

    expect(await types(alice)).toEqual([`mention:${friend.id}`]);
    expect(await types(alice, "?include_filtered=true")).toHaveLength(3);
    const requests = await t.json<Request[]>(t.call("/api/v1/notifications/requests", alice.token));
    expectEntities(requests, "NotificationRequest");
    expect(requests.map((r) => r.account.id)).toEqual([remote.id, stranger.id]);
    expect(requests[1]!).toMatchObject({ notifications_count: "1", last_status: { id: mention.id } });
    const one = await t.json(t.call(`/api/v1/notifications/requests/${requests[1]!.id}`, alice.token));
    expectEntity(one, "NotificationRequest");
    const policy = await t.json<{ summary: unknown }>(t.call("/api/v2/notifications/policy", alice.token));
    expect(policy.summary).toEqual({ pending_requests_count: 2, pending_notifications_count: 2 });
    expect(await t.json(t.call("/api/v1/notifications/unread_count", alice.token))).toEqual({ count: 1 });

    // Accepting merges the filtered notification, and the next one arrives directly.
    expect((await t.send("POST", `/api/v1/notifications/requests/${requests[1]!.id}/accept`, alice.token)).status).toBe(200);
    expect(await t.json(t.call("/api/v1/notifications/requests/merged", alice.token))).toEqual({ merged: true });
    await t.post(stranger, "@alice again");
    expect(await types(alice)).toEqual([`mention:${stranger.id}`, `mention:${friend.id}`, `mention:${stranger.id}`]);

    // Dismissing deletes the filtered notifications; the bulk form takes id[].
    expect((await t.send("POST", "/api/v1/notifications/requests/dismiss", alice.token, { id: [requests[0]!.id] })).status).toBe(200);
    expect(await t.json(t.call("/api/v1/notifications/requests", alice.token))).toEqual([]);
    expect(await types(alice, "?include_filtered=true")).toHaveLength(3);
  });

  it("drops notifications when the policy says drop", async () => {
    const bob = await t.user("bob");
    await t.send("PATCH", "/api/v2/notifications/policy", bob.token, { for_not_following: "drop" });
    const nobody = await t.user("nobody");
    await t.post(nobody, "@bob hey");
    await t.follow(nobody, bob);
    expect(await t.json(t.call("/api/v1/notifications?include_filtered=true", bob.token))).toEqual([]);
    expect(await t.json(t.call("/api/v1/notifications/requests", bob.token))).toEqual([]);
  });

  it("filters new accounts and recent followers when asked, but lets a followed account through for not_following", async () => {
    const erin = await t.user("erin");
    const newcomer = await t.user("newcomer");
    await t.follow(erin, friend);
    await t.send("PATCH", "/api/v2/notifications/policy", erin.token, { for_new_accounts: "filter" });
    await t.post(newcomer, "@erin welcome me");
    expect(await types(erin, "?types[]=mention")).toEqual([]);
    await t.send("PATCH", "/api/v2/notifications/policy", erin.token, { for_new_accounts: "accept", for_not_followers: "filter" });
    // A follow younger than three days does not count yet (Mastodon's rule).
    await t.follow(friend, erin);
    await t.post(friend, "@erin hi");
    expect(await types(erin, "?types[]=mention")).toEqual([]);
    await t.send("PATCH", "/api/v2/notifications/policy", erin.token, { for_not_followers: "accept", for_not_following: "filter" });
    await t.post(friend, "@erin followed, so shown");
    await t.post(newcomer, "@erin still filtered");
    expect(await types(erin, "?types[]=mention")).toEqual([`mention:${friend.id}`]);
  });

  it("filters a stranger's private mention by default, but not a reply to the recipient", async () => {
    const carol = await t.user("carol");
    const dm = await t.post(carol, "@friend psst", { visibility: "direct" });
    expect(await types(friend, "?types[]=mention")).toEqual([]);
    const [request] = await t.json<Request[]>(t.call("/api/v1/notifications/requests", friend.token));
    expect(request?.last_status?.id).toBe(dm.id);
    const opener = await t.post(friend, "@carol what's up?", { visibility: "direct" });
    await t.post(carol, "@friend all good", { visibility: "direct", in_reply_to_id: opener.id });
    expect(await types(friend, "?types[]=mention")).toEqual([`mention:${carol.id}`]);
  });

  it("answers 404 for another user's request and 401 without a token", async () => {
    const dave = await t.user("dave");
    await t.post(dave, "@friend hello?", { visibility: "direct" });
    const mine = await t.json<Request[]>(t.call("/api/v1/notifications/requests", friend.token));
    const request = mine.find((r) => r.account.id === dave.id)!;
    expect((await t.call(`/api/v1/notifications/requests/${request.id}`, alice.token)).status).toBe(404);
    expect((await t.send("POST", `/api/v1/notifications/requests/${request.id}/accept`, alice.token)).status).toBe(404);
    expect((await t.send("POST", `/api/v1/notifications/requests/${request.id}/dismiss`, alice.token)).status).toBe(404);
    expect((await t.call("/api/v1/notifications/requests", null)).status).toBe(401);
    expect((await t.send("POST", `/api/v1/notifications/requests/${request.id}/dismiss`, friend.token)).status).toBe(200);
    expect((await t.call(`/api/v1/notifications/requests/${request.id}`, friend.token)).status).toBe(404);
  });
});
