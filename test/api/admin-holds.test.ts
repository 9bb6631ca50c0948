// The pending-review hold: a status an automatic rule or a moderator holds is
// seen by nobody but its author and staff (get, context, timelines, search,
// notifications, events, federation) until a moderator releases it, which
// delivers it as if it had just arrived, or removes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../../src/domain/events.ts";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, bob: TestUser, mod: TestUser, plain: TestUser;
const events: DomainEvent[] = [];
type Hold = { id: string; status: { id: string; content: string } | null; reason: string; rule_id: string | null; held_by: string; published: boolean };

const ids = (rows: unknown) => (rows as { id: string }[]).map((r) => r.id);
const seenBy = async (user: TestUser | null, path: string) => ids(await t.json(t.call(path, user?.token ?? null)));

beforeAll(async () => {
  t = await startApiTest();
  [alice, bob, mod, plain] = [await t.user("alice"), await t.user("bob"), await t.user("mod", "read write admin:read admin:write"), await t.user("plain", "read write admin:read admin:write")];
  expect(await t.app.services.changeRole(CLI_MODERATOR, "mod", "moderator")).toMatchObject({ ok: true });
  await t.follow(bob, alice);
  t.app.events.subscribe((event) => events.push(event));
  const rule = await t.app.services.createRule(CLI_MODERATOR, { kind: "keyword", pattern: "quarantine me", fields: ["text"], action: "hold" });
  expect(rule.ok).toBe(true);
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("a status held by a rule", () => {
  let held: { id: string };

  it("is its author's and staff's alone until released", async () => {
    held = await t.post(alice, "please quarantine me now @bob");
    expect((await t.call(`/api/v1/statuses/${held.id}`, alice.token)).status).toBe(200);
    expect((await t.call(`/api/v1/statuses/${held.id}`, mod.token)).status).toBe(200);
    expect((await t.call(`/api/v1/statuses/${held.id}`, bob.token)).status).toBe(404);
    expect((await t.call(`/api/v1/statuses/${held.id}`, null)).status).toBe(404);
    expect((await t.call(`/api/v1/statuses/${held.id}/context`, bob.token)).status).toBe(404);
    expect(await seenBy(bob, "/api/v1/timelines/home")).not.toContain(held.id);
    expect(await seenBy(null, "/api/v1/timelines/public")).not.toContain(held.id);
    expect(await seenBy(bob, `/api/v1/accounts/${alice.id}/statuses`)).not.toContain(held.id);
    expect(await seenBy(alice, `/api/v1/accounts/${alice.id}/statuses`)).toContain(held.id);
    expect(await seenBy(bob, "/api/v1/notifications")).toEqual([]);
    const found = await t.json<{ statuses: { id: string }[] }>(t.call("/api/v2/search?q=quarantine&type=statuses", bob.token));
    expect(ids(found.statuses)).not.toContain(held.id);
    // Nothing was announced: no status.created event, the one that streams and federates a status
    // (that nothing reaches another instance is proven in test/rig/rules-and-holds.test.ts).
    expect(events.some((e) => e.type === "status.created" && e.statusId === held.id)).toBe(false);
    // Not even its author can carry it to followers with a boost.
    expect((await t.send("POST", `/api/v1/statuses/${held.id}/reblog`, alice.token)).status).toBe(422);
  });

  it("is listed for staff with why and by whom", async () => {
    const holds = await t.json<Hold[]>(t.call("/api/v1/admin/holds", mod.token));
    const hold = holds.find((h) => h.id === held.id)!;
    expect(hold).toMatchObject({ held_by: "system", published: false });
    expect(hold.reason).toContain("quarantine me");
    expect(hold.rule_id).not.toBeNull();
    expectEntity(hold.status, "Status");
  });

  it("is delivered on release: home, notifications and events, audited", async () => {
    const released = await t.send("POST", `/api/v1/admin/holds/${held.id}/release`, mod.token);
    expect(released.status).toBe(200);
    expectEntity(await released.json(), "Status");
    expect((await t.call(`/api/v1/statuses/${held.id}`, bob.token)).status).toBe(200);
    expect(await seenBy(bob, "/api/v1/timelines/home")).toContain(held.id);
    expect(await seenBy(null, "/api/v1/timelines/public")).toContain(held.id);
    const notifications = await t.json<{ type: string; status: { id: string } }[]>(t.call("/api/v1/notifications", bob.token));
    expect(notifications.map((n) => [n.type, n.status.id])).toEqual([["mention", held.id]]);
    expect(events.some((e) => e.type === "status.created" && e.statusId === held.id)).toBe(true);
    const audit = await t.json<{ action: string; actor: string }[]>(t.call(`/api/v1/admin/audit_log?target_id=${held.id}`, mod.token));
    expect(audit.map((e) => [e.action, e.actor])).toEqual([["status.release", "mod"], ["status.hold", "system"]]);
    expect((await t.send("POST", `/api/v1/admin/holds/${held.id}/release`, mod.token)).status).toBe(404);
  });
});

describe("a held reply", () => {
  it("is left out of its thread's context for others, kept for its author", async () => {
    const parent = await t.post(alice, "a thread");
    const reply = await t.post(bob, "quarantine me, replying", { in_reply_to_id: parent.id });
    const descendants = async (user: TestUser) =>
      ids((await t.json<{ descendants: unknown }>(t.call(`/api/v1/statuses/${parent.id}/context`, user.token))).descendants);
    expect(await descendants(alice)).not.toContain(reply.id);
    expect(await descendants(bob)).toContain(reply.id);
    expect(await descendants(mod)).toContain(reply.id);
  });
});

describe("a moderator's hold", () => {
  it("takes a delivered status back out of timelines and notifications, and remove deletes it", async () => {
    const post = await t.post(alice, "an ordinary post for @bob");
    expect(await seenBy(bob, "/api/v1/timelines/home")).toContain(post.id);
    for (const action of ["favourite", "bookmark"]) expect((await t.send("POST", `/api/v1/statuses/${post.id}/${action}`, bob.token)).status).toBe(200);
    expect(await seenBy(bob, "/api/v1/bookmarks")).toContain(post.id);
    const hold = await t.send("POST", `/api/v1/admin/statuses/${post.id}/hold`, mod.token, { reason: "checking" });
    expect(hold.status).toBe(200);
    expect(await hold.json()).toMatchObject({ id: post.id, reason: "checking", held_by: "mod", published: true, rule_id: null });
    expect((await t.send("POST", `/api/v1/admin/statuses/${post.id}/hold`, mod.token)).status).toBe(422);
    expect(await seenBy(bob, "/api/v1/timelines/home")).not.toContain(post.id);
    expect((await t.json<{ status: { id: string } }[]>(t.call("/api/v1/notifications", bob.token))).map((n) => n.status.id)).not.toContain(post.id);
    expect(await seenBy(bob, "/api/v1/bookmarks")).not.toContain(post.id);
    expect(await seenBy(bob, "/api/v1/favourites")).not.toContain(post.id);

    const removed = await t.send("POST", `/api/v1/admin/holds/${post.id}/remove`, mod.token, { reason: "breaks rule 2" });
    expect([removed.status, await removed.json()]).toEqual([200, {}]);
    expect((await t.call(`/api/v1/statuses/${post.id}`, alice.token)).status).toBe(404);
    const audit = await t.json<{ action: string; reason: string | null }[]>(t.call(`/api/v1/admin/audit_log?target_id=${post.id}`, mod.token));
    expect(audit.map((e) => [e.action, e.reason])).toEqual([["status.remove", "breaks rule 2"], ["status.hold", "checking"]]);
  });

  it("takes a direct status out of its conversations until release", async () => {
    const direct = await t.post(alice, "just for you @bob", { visibility: "direct" });
    const lastStatuses = async () => (await t.json<{ last_status: { id: string } | null }[]>(t.call("/api/v1/conversations", bob.token))).map((c) => c.last_status?.id);
    expect(await lastStatuses()).toContain(direct.id);
    expect((await t.send("POST", `/api/v1/admin/statuses/${direct.id}/hold`, mod.token)).status).toBe(200);
    expect(await lastStatuses()).not.toContain(direct.id);
    expect((await t.send("POST", `/api/v1/admin/holds/${direct.id}/release`, mod.token)).status).toBe(200);
    expect(await lastStatuses()).toContain(direct.id);
  });

  it("holds remote statuses too, by rule: seen only after release", async () => {
    const remote = await t.remoteAccount("rita");
    const status = await t.remoteStatus(remote, "quarantine me from afar");
    expect((await t.call(`/api/v1/statuses/${status.id}`, bob.token)).status).toBe(404);
    expect(await seenBy(null, "/api/v1/timelines/public")).not.toContain(status.id);
    expect((await t.send("POST", `/api/v1/admin/holds/${status.id}/release`, mod.token)).status).toBe(200);
    expect((await t.call(`/api/v1/statuses/${status.id}`, bob.token)).status).toBe(200);
    expect(await seenBy(null, "/api/v1/timelines/public")).toContain(status.id);
  });
});

describe("the holds API", () => {
  it("answers 401 without a token, 403 without the scope, 403 to a user without the role, 404 for what is not held", async () => {
    const post = await t.post(alice, "not held");
    const routes: [string, string][] = [
      ["GET", "/api/v1/admin/holds"],
      ["POST", `/api/v1/admin/holds/${post.id}/release`],
      ["POST", `/api/v1/admin/holds/${post.id}/remove`],
      ["POST", `/api/v1/admin/statuses/${post.id}/hold`],
    ];
    for (const [method, path] of routes) {
      const ask = (token: string | null) => (method === "GET" ? t.call(path, token) : t.send(method, path, token));
      expect((await ask(null)).status, path).toBe(401);
      expect((await ask(alice.token)).status, path).toBe(403);
      const denied = await ask(plain.token);
      expect([denied.status, await denied.json()], path).toEqual([403, { error: "This action is not allowed" }]);
    }
    expect((await t.send("POST", `/api/v1/admin/holds/${post.id}/release`, mod.token)).status).toBe(404);
    expect((await t.send("POST", `/api/v1/admin/holds/${post.id}/remove`, mod.token)).status).toBe(404);
    expect((await t.send("POST", "/api/v1/admin/statuses/123/hold", mod.token)).status).toBe(404);
  });
});
