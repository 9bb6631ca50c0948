// Notifications, API v1: the Notification entity, paging, type and account
// filters, unread counts against the notifications marker, dismiss and clear.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, bob: TestUser, carol: TestUser;
let post: { id: string };
type Notification = { id: string; type: string; account: { id: string }; status?: { id: string }; group_key: string };

beforeAll(async () => {
  t = await startApiTest();
  [alice, bob, carol] = [await t.user("alice"), await t.user("bob"), await t.user("carol")];
  await t.follow(alice, bob);
  await t.follow(alice, carol);
  await t.follow(bob, alice); // follow #1 for alice
  post = await t.post(alice, "notice me");
  await t.send("POST", `/api/v1/statuses/${post.id}/favourite`, bob.token); // favourite #2
  await t.post(carol, "@alice hello", { in_reply_to_id: post.id }); // mention #3
  await t.send("POST", `/api/v1/statuses/${post.id}/reblog`, carol.token); // reblog #4
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("notifications v1", () => {
  it("lists notifications newest first as Notification entities with statuses", async () => {
    const list = await t.json<Notification[]>(t.call("/api/v1/notifications", alice.token));
    expectEntities(list, "Notification");
    expect(list.map((n) => n.type)).toEqual(["reblog", "mention", "favourite", "follow"]);
    expect(list[0]!.status?.id).toBe(post.id);
    expect(list[3]!.status).toBeUndefined();
    expect(list[3]!.account.id).toBe(bob.id);
    expect(list[1]!.group_key).toBe(`ungrouped-${list[1]!.id}`);
  });

  it("filters by types[], exclude_types[] and account_id, and pages with a Link header", async () => {
    const types = (path: string) => t.json<Notification[]>(t.call(path, alice.token)).then((l) => l.map((n) => n.type));
    expect(await types("/api/v1/notifications?types[]=mention&types[]=follow")).toEqual(["mention", "follow"]);
    expect(await types("/api/v1/notifications?exclude_types[]=mention&exclude_types[]=follow")).toEqual(["reblog", "favourite"]);
    expect(await types(`/api/v1/notifications?account_id=${carol.id}`)).toEqual(["reblog", "mention"]);
    const first = await t.call("/api/v1/notifications?limit=2", alice.token);
    const page1 = await first.json() as Notification[];
    expect(page1.map((n) => n.type)).toEqual(["reblog", "mention"]);
    expect(first.headers.get("Link")).toContain(`max_id=${page1[1]!.id}`);
    expect(await types(`/api/v1/notifications?limit=2&max_id=${page1[1]!.id}`)).toEqual(["favourite", "follow"]);
    expect(await types(`/api/v1/notifications?limit=1&min_id=${page1[1]!.id}`)).toEqual(["reblog"]);
  });

  it("counts unread notifications after the notifications marker", async () => {
    const count = async (query = "") => (await t.json<{ count: number }>(t.call(`/api/v1/notifications/unread_count${query}`, alice.token))).count;
    expect(await count()).toBe(4);
    const list = await t.json<Notification[]>(t.call("/api/v1/notifications", alice.token));
    await t.send("POST", "/api/v1/markers", alice.token, { notifications: { last_read_id: list[2]!.id } });
    expect(await count()).toBe(2);
    expect(await count("?types[]=mention")).toBe(1);
    expect(await count("?limit=1")).toBe(1);
    await t.send("POST", "/api/v1/markers", alice.token, { notifications: { last_read_id: list[0]!.id } });
    expect(await count()).toBe(0);
  });

  it("shows one notification, dismisses it, and clears all; others' notifications are 404", async () => {
    const [first] = await t.json<Notification[]>(t.call("/api/v1/notifications", alice.token));
    const one = await t.json(t.call(`/api/v1/notifications/${first!.id}`, alice.token));
    expectEntity(one, "Notification");
    expect((await t.call(`/api/v1/notifications/${first!.id}`, bob.token)).status).toBe(404);
    expect((await t.send("POST", `/api/v1/notifications/${first!.id}/dismiss`, bob.token)).status).toBe(404);
    expect((await t.call("/api/v1/notifications/nope", alice.token)).status).toBe(404);
    expect((await t.send("POST", `/api/v1/notifications/${first!.id}/dismiss`, alice.token)).status).toBe(200);
    expect((await t.call(`/api/v1/notifications/${first!.id}`, alice.token)).status).toBe(404);

    const bobsBefore = await t.json<Notification[]>(t.call("/api/v1/notifications", bob.token));
    expect((await t.send("POST", "/api/v1/notifications/clear", alice.token)).status).toBe(200);
    expect(await t.json(t.call("/api/v1/notifications", alice.token))).toEqual([]);
    expect(await t.json(t.call("/api/v1/notifications", bob.token))).toEqual(bobsBefore);
  });

  it("answers 401 without a token and 403 without the scope", async () => {
    expect((await t.call("/api/v1/notifications", null)).status).toBe(401);
    expect((await t.call("/api/v1/notifications/unread_count", null)).status).toBe(401);
    const statusesOnly = await t.user("scoped", "read:statuses write:statuses");
    expect((await t.call("/api/v1/notifications", statusesOnly.token)).status).toBe(403);
    expect((await t.send("POST", "/api/v1/notifications/clear", statusesOnly.token)).status).toBe(403);
  });
});
