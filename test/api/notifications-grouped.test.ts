// Grouped notifications, API v2: favourites of one status from three accounts
// make one group with three sample accounts; follows group; mentions do not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, fans: TestUser[];
let post: { id: string };

interface Group {
  group_key: string;
  type: string;
  notifications_count: number;
  sample_account_ids: string[];
  status_id?: string;
  page_min_id: string;
  page_max_id: string;
}
interface Results {
  accounts: { id: string }[];
  statuses: { id: string }[];
  notification_groups: Group[];
  partial_accounts?: { id: string }[];
}

beforeAll(async () => {
  t = await startApiTest();
  alice = await t.user("alice");
  fans = [await t.user("fan1"), await t.user("fan2"), await t.user("fan3")];
  post = await t.post(alice, "favourite me");
  for (const fan of fans) {
    await t.follow(alice, fan);
    await t.follow(fan, alice);
    await t.send("POST", `/api/v1/statuses/${post.id}/favourite`, fan.token);
  }
  await t.post(fans[0]!, "@alice one");
  await t.post(fans[1]!, "@alice two");
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("grouped notifications", () => {
  it("groups favourites of one status and follows, and keeps mentions apart", async () => {
    const response = await t.call("/api/v2/notifications", alice.token);
    expect(response.status).toBe(200);
    const body = await response.json() as Results;
    expectEntity(body, "GroupedNotificationsResults");
    expectEntities(body.notification_groups, "NotificationGroup");
    expect(body.notification_groups.map((g) => g.type)).toEqual(["mention", "mention", "favourite", "follow"]);
    const favourites = body.notification_groups[2]!;
    expect(favourites.notifications_count).toBe(3);
    expect(favourites.sample_account_ids).toEqual([fans[2]!.id, fans[1]!.id, fans[0]!.id]);
    expect(favourites.status_id).toBe(post.id);
    expect(favourites.group_key).toMatch(new RegExp(`^favourite-${post.id}-\\d+$`));
    expect(body.notification_groups[3]!.notifications_count).toBe(3);
    expect(body.accounts.map((a) => a.id).sort()).toEqual(fans.map((f) => f.id).sort());
    expect(body.statuses.map((s) => s.id)).toContain(post.id);
    // The raw JSON carries the exact id of the newest notification as an integer.
    const raw = await (await t.call("/api/v2/notifications", alice.token)).text();
    expect(raw).toContain(`"most_recent_notification_id":${favourites.page_max_id}`);
  });

  it("pages groups with a Link header and honours grouped_types[] and types[]", async () => {
    const first = await t.call("/api/v2/notifications?limit=3", alice.token);
    const page = await first.json() as Results;
    expect(page.notification_groups.map((g) => g.type)).toEqual(["mention", "mention", "favourite"]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("Link") ?? "")![1]!;
    const rest = await t.json<Results>(t.call(new URL(next).pathname + new URL(next).search, alice.token));
    expect(rest.notification_groups.map((g) => g.type)).toEqual(["follow"]);
    const ungrouped = await t.json<Results>(t.call("/api/v2/notifications?grouped_types[]=follow", alice.token));
    expect(ungrouped.notification_groups.filter((g) => g.type === "favourite").map((g) => g.notifications_count)).toEqual([1, 1, 1]);
    const onlyFavourites = await t.json<Results>(t.call("/api/v2/notifications?types[]=favourite", alice.token));
    expect(onlyFavourites.notification_groups).toHaveLength(1);
  });

  it("shows one group, its accounts, partial avatars, counts unread groups, and dismisses a group", async () => {
    const all = await t.json<Results>(t.call("/api/v2/notifications", alice.token));
    const favourites = all.notification_groups[2]!;
    const one = await t.json<Results>(t.call(`/api/v2/notifications/${favourites.group_key}`, alice.token));
    expectEntity(one, "GroupedNotificationsResults");
    expect(one.notification_groups.map((g) => g.group_key)).toEqual([favourites.group_key]);
    const accounts = await t.json(t.call(`/api/v2/notifications/${favourites.group_key}/accounts`, alice.token));
    expectEntities(accounts, "Account");
    expect((accounts as { id: string }[]).map((a) => a.id)).toEqual([fans[2]!.id, fans[1]!.id, fans[0]!.id]);

    const partial = await t.json<Results>(t.call("/api/v2/notifications?types[]=favourite&expand_accounts=partial_avatars", alice.token));
    expectEntity(partial, "GroupedNotificationsResults");
    expect(partial.accounts.map((a) => a.id)).toEqual([fans[2]!.id]);
    expect(partial.partial_accounts?.map((a) => a.id)).toEqual([fans[1]!.id, fans[0]!.id]);

    expect(await t.json(t.call("/api/v2/notifications/unread_count", alice.token))).toEqual({ count: 4 });
    await t.send("POST", "/api/v1/markers", alice.token, { notifications: { last_read_id: favourites.page_max_id } });
    expect(await t.json(t.call("/api/v2/notifications/unread_count", alice.token))).toEqual({ count: 2 });

    expect((await t.send("POST", `/api/v2/notifications/${favourites.group_key}/dismiss`, alice.token)).status).toBe(200);
    expect((await t.call(`/api/v2/notifications/${favourites.group_key}`, alice.token)).status).toBe(404);
  });

  it("answers 401, 403, and 404 for another user's group", async () => {
    const mine = await t.json<Results>(t.call("/api/v2/notifications", alice.token));
    const key = mine.notification_groups[0]!.group_key;
    expect((await t.call("/api/v2/notifications", null)).status).toBe(401);
    const scoped = await t.user("scoped", "read:statuses");
    expect((await t.call("/api/v2/notifications", scoped.token)).status).toBe(403);
    const fan = fans[0]!;
    expect((await t.call(`/api/v2/notifications/${key}`, fan.token)).status).toBe(404);
    expect((await t.call(`/api/v2/notifications/${key}/accounts`, fan.token)).status).toBe(404);
    expect((await t.send("POST", `/api/v2/notifications/${key}/dismiss`, fan.token)).status).toBe(404);
    expect((await t.call(`/api/v2/notifications/${key}`, alice.token)).status).toBe(200);
  });
});
