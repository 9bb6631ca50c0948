// Lists: CRUD, members (followed accounts only), the list timeline with its
// replies policy, exclusive lists leaving home, and /accounts/:id/lists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let owner: TestUser, member: TestUser, other: TestUser, outsider: TestUser;
const ids = (list: unknown) => (list as { id: string }[]).map((s) => s.id);

beforeAll(async () => {
  t = await startApiTest();
  [owner, member, other, outsider] = [await t.user("owner"), await t.user("member"), await t.user("other"), await t.user("outsider")];
  await t.follow(owner, member);
  await t.follow(owner, other);
});
afterAll(async () => {
  await t?.app.dispose();
});

async function newList(title: string, extra: Record<string, unknown> = {}) {
  const response = await t.send("POST", "/api/v1/lists", owner.token, { title, ...extra });
  expect(response.status).toBe(200);
  return response.json() as Promise<{ id: string; title: string; replies_policy: string; exclusive: boolean }>;
}

describe("lists", () => {
  it("creates, reads, updates and deletes lists as List entities", async () => {
    const created = await newList("Friends");
    expectEntity(created, "List");
    expect(created).toMatchObject({ title: "Friends", replies_policy: "list", exclusive: false });
    const form = new URLSearchParams({ title: "Renamed", replies_policy: "none", exclusive: "true" });
    const updated = await t.json(t.call(`/api/v1/lists/${created.id}`, owner.token, { method: "PUT", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } }));
    expect(updated).toEqual({ id: created.id, title: "Renamed", replies_policy: "none", exclusive: true });
    const all = await t.json(t.call("/api/v1/lists", owner.token));
    expectEntities(all, "List");
    expect(ids(all)).toContain(created.id);
    expect(await t.json(t.call(`/api/v1/lists/${created.id}`, owner.token))).toEqual(updated);
    expect((await t.send("DELETE", `/api/v1/lists/${created.id}`, owner.token)).status).toBe(200);
    expect((await t.call(`/api/v1/lists/${created.id}`, owner.token)).status).toBe(404);
  });

  it("refuses a blank title or an unknown replies policy with 422", async () => {
    const blank = await t.send("POST", "/api/v1/lists", owner.token, { title: "  " });
    expect(blank.status).toBe(422);
    expectEntity(await blank.json(), "Error");
    expect((await t.send("POST", "/api/v1/lists", owner.token, { title: "x", replies_policy: "everyone" })).status).toBe(422);
  });

  it("answers 401 without a token, 403 without the scope, 404 for another user's list", async () => {
    const list = await newList("Private");
    expect((await t.call("/api/v1/lists", null)).status).toBe(401);
    const readOnly = await t.user("reader", "read");
    expect((await t.send("POST", "/api/v1/lists", readOnly.token, { title: "nope" })).status).toBe(403);
    const writeOnly = await t.user("writer", "write");
    expect((await t.call("/api/v1/lists", writeOnly.token)).status).toBe(403);
    for (const [method, path] of [
      ["GET", `/api/v1/lists/${list.id}`],
      ["PUT", `/api/v1/lists/${list.id}`],
      ["DELETE", `/api/v1/lists/${list.id}`],
      ["GET", `/api/v1/lists/${list.id}/accounts`],
      ["POST", `/api/v1/lists/${list.id}/accounts`],
      ["GET", `/api/v1/timelines/list/${list.id}`],
    ]) {
      const response = method === "GET" ? await t.call(path!, outsider.token) : await t.send(method!, path!, outsider.token, { title: "x", account_ids: [outsider.id] });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
  });

  it("adds only followed accounts, lists members, and removes them", async () => {
    const list = await newList("Members");
    const refused = await t.send("POST", `/api/v1/lists/${list.id}/accounts`, owner.token, { account_ids: [outsider.id] });
    expect(refused.status).toBe(422);
    expect((await t.send("POST", `/api/v1/lists/${list.id}/accounts`, owner.token, { account_ids: ["123456789012345678"] })).status).toBe(404);
    expect((await t.send("POST", `/api/v1/lists/${list.id}/accounts`, owner.token, { account_ids: [member.id, other.id] })).status).toBe(200);
    const members = await t.json(t.call(`/api/v1/lists/${list.id}/accounts`, owner.token));
    expectEntities(members, "Account");
    expect(ids(members).sort()).toEqual([member.id, other.id].sort());
    const firstPage = await t.call(`/api/v1/lists/${list.id}/accounts?limit=1`, owner.token);
    expect(ids(await firstPage.json())).toHaveLength(1);
    expect(firstPage.headers.get("Link")).toContain("max_id=");

    const onLists = await t.json(t.call(`/api/v1/accounts/${member.id}/lists`, owner.token));
    expectEntities(onLists, "List");
    expect(ids(onLists)).toContain(list.id);
    expect(await t.json(t.call(`/api/v1/accounts/${member.id}/lists`, outsider.token))).toEqual([]);
    expect((await t.call("/api/v1/accounts/123456789012345678/lists", owner.token)).status).toBe(404);

    await t.send("DELETE", `/api/v1/lists/${list.id}/accounts`, owner.token, { account_ids: [other.id] });
    expect(ids(await t.json(t.call(`/api/v1/lists/${list.id}/accounts`, owner.token)))).toEqual([member.id]);
    // Unfollowing ends the membership, as in Mastodon.
    await t.app.services.unfollowAccount({ followerId: owner.id, targetId: member.id, origin: "local" });
    expect(await t.json(t.call(`/api/v1/lists/${list.id}/accounts`, owner.token))).toEqual([]);
    await t.follow(owner, member);
  });
});

describe("list timeline", () => {
  it("shows only members' statuses and reblogs, with Link paging", async () => {
    const list = await newList("Timeline");
    await t.send("POST", `/api/v1/lists/${list.id}/accounts`, owner.token, { account_ids: [member.id] });
    const mine = await t.post(member, "from a member");
    const notMine = await t.post(other, "from a non-member");
    await t.send("POST", `/api/v1/statuses/${notMine.id}/reblog`, member.token);
    const page = await t.call(`/api/v1/timelines/list/${list.id}?limit=2`, owner.token);
    const body = await page.json() as { id: string; reblog: { id: string } | null }[];
    expectEntities(body, "Status");
    expect(body[0]!.reblog?.id).toBe(notMine.id);
    expect(body[1]!.id).toBe(mine.id);
    expect(page.headers.get("Link")).toContain(`max_id=${mine.id}`);
    const all = await t.json<{ account: { id: string } }[]>(t.call(`/api/v1/timelines/list/${list.id}`, owner.token));
    expect(all.every((s) => s.account.id === member.id)).toBe(true);
    expect((await t.call(`/api/v1/timelines/list/${list.id}`, null)).status).toBe(401);
  });

  it("follows the replies policy: list, followed, none", async () => {
    const parentByOther = await t.post(other, "a thought");
    const parentByOutsider = await t.post(outsider, "another thought");
    const replyToOther = await t.post(member, "@other agreed", { in_reply_to_id: parentByOther.id });
    const replyToOutsider = await t.post(member, "@outsider agreed", { in_reply_to_id: parentByOutsider.id });
    const plain = await t.post(member, "plain post");
    const timeline = async (policy: string) => {
      const list = await newList(`replies ${policy}`, { replies_policy: policy });
      await t.send("POST", `/api/v1/lists/${list.id}/accounts`, owner.token, { account_ids: [member.id] });
      return ids(await t.json(t.call(`/api/v1/timelines/list/${list.id}`, owner.token)));
    };
    const shown = (seen: string[]) => [replyToOther.id, replyToOutsider.id, plain.id].filter((id) => seen.includes(id));
    expect(shown(await timeline("list"))).toEqual([plain.id]);
    expect(shown(await timeline("followed"))).toEqual([replyToOther.id, plain.id]);
    expect(shown(await timeline("none"))).toEqual([plain.id]);
  });

  it("takes members of an exclusive list out of the owner's home", async () => {
    const post = await t.post(other, "seen at home?");
    expect(ids(await t.json(t.call("/api/v1/timelines/home", owner.token)))).toContain(post.id);
    const list = await newList("Exclusive", { exclusive: true });
    await t.send("POST", `/api/v1/lists/${list.id}/accounts`, owner.token, { account_ids: [other.id] });
    expect(ids(await t.json(t.call("/api/v1/timelines/home", owner.token)))).not.toContain(post.id);
    expect(ids(await t.json(t.call(`/api/v1/timelines/list/${list.id}`, owner.token)))).toContain(post.id);
    await t.send("DELETE", `/api/v1/lists/${list.id}`, owner.token);
    expect(ids(await t.json(t.call("/api/v1/timelines/home", owner.token)))).toContain(post.id);
  });
});
