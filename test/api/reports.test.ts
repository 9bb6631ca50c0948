// POST /api/v1/reports: who may report what, Mastodon's answers, and the
// Report entity; forwarding a report against a remote account outboxes a Flag.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, bob: TestUser, carol: TestUser;
let ruleId: string;
type Report = { id: string; category: string; rule_ids: string[] | null; status_ids: string[] | null; forwarded: boolean; action_taken: boolean; comment: string };

beforeAll(async () => {
  t = await startApiTest();
  [alice, bob, carol] = [await t.user("alice"), await t.user("bob"), await t.user("carol")];
  const rule = await t.app.services.addInstanceRule({ text: "No threats" });
  if (!rule.ok) throw new Error(rule.message);
  ruleId = rule.value.id;
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("POST /api/v1/reports", () => {
  it("files a report with statuses and rules; rule_ids make it a violation", async () => {
    const post = await t.post(bob, "something awful");
    const response = await t.send("POST", "/api/v1/reports", alice.token, { account_id: bob.id, status_ids: [post.id], comment: "threat", category: "spam", rule_ids: [ruleId] });
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    expectEntity(report, "Report");
    expect(report).toMatchObject({ category: "violation", rule_ids: [ruleId], status_ids: [post.id], forwarded: false, action_taken: false, comment: "threat" });
  });

  it("takes a form body with key[] arrays and defaults to other", async () => {
    const form = new URLSearchParams({ account_id: bob.id, comment: "spammy" });
    const response = await t.call("/api/v1/reports", alice.token, { method: "POST", body: form });
    const report = (await response.json()) as Report;
    expect([response.status, report.category, report.status_ids, report.rule_ids]).toEqual([200, "other", null, null]);
  });

  it("answers 401 without a token, 403 without write:reports, 422 for an app token", async () => {
    expect((await t.send("POST", "/api/v1/reports", null, { account_id: bob.id })).status).toBe(401);
    const readOnly = await t.user("reader", "read");
    expect((await t.send("POST", "/api/v1/reports", readOnly.token, { account_id: bob.id })).status).toBe(403);
  });

  it("answers 404 for an unknown account, another account's status, or a status the reporter may not see", async () => {
    expect((await t.send("POST", "/api/v1/reports", alice.token, { account_id: "123456" })).status).toBe(404);
    const carols = await t.post(carol, "mine");
    expect((await t.send("POST", "/api/v1/reports", alice.token, { account_id: bob.id, status_ids: [carols.id] })).status).toBe(404);
    const hidden = await t.post(bob, "only for followers", { visibility: "private" });
    expect((await t.send("POST", "/api/v1/reports", alice.token, { account_id: bob.id, status_ids: [hidden.id] })).status).toBe(404);
  });

  it("answers 422 for unknown rules, a bad category, or a comment over 1000 characters", async () => {
    const unknownRule = await t.send("POST", "/api/v1/reports", alice.token, { account_id: bob.id, rule_ids: ["999"] });
    expect([unknownRule.status, await unknownRule.json()]).toEqual([422, { error: "Validation failed: Rule ids are invalid" }]);
    expect((await t.send("POST", "/api/v1/reports", alice.token, { account_id: bob.id, category: "rude" })).status).toBe(422);
    expect((await t.send("POST", "/api/v1/reports", alice.token, { account_id: bob.id, comment: "x".repeat(1001) })).status).toBe(422);
  });

  it("forwards a report against a remote account only with its public statuses, as one outboxed Flag", async () => {
    const remote = await t.remoteAccount("troll", "far.example");
    const open = await t.remoteStatus(remote, "public threat");
    const mentioned = await t.remoteStatus(remote, "private threat", { visibility: "private", mentionAccountIds: [alice.id] });
    const local = await t.send("POST", "/api/v1/reports", alice.token, { account_id: remote.id, status_ids: [open.id, mentioned.id], forward: true });
    const report = (await local.json()) as Report;
    expect([local.status, report.forwarded]).toEqual([200, true]);
    const events = await t.app.database.db.selectFrom("outbox_events").select(["type", "payload"]).where("type", "=", "report.forwarded").execute();
    expect(events.map((e) => JSON.parse(e.payload).reportId)).toEqual([report.id]);
    const mod = await t.user("reportmod", "admin:read");
    await t.app.services.changeRole(CLI_MODERATOR, "reportmod", "moderator");
    const byDomain = await t.json<{ id: string }[]>(t.call("/api/v1/admin/reports?by_target_domain=FAR.example", mod.token));
    expect(byDomain.map((r) => r.id)).toEqual([report.id]);
    const notForwarded = await t.send("POST", "/api/v1/reports", alice.token, { account_id: bob.id, forward: true });
    expect(((await notForwarded.json()) as Report).forwarded).toBe(false);
  });
});

describe("forward_to_domains", () => {
  it("adds only the instances of accounts the reported statuses reply to", async () => {
    const troll = await t.remoteAccount("troll2", "far.example");
    const victim = await t.remoteAccount("victim", "third.example");
    const original = await t.remoteStatus(victim, "hello");
    const reply = await t.remoteStatus(troll, "nasty reply", { inReplyToId: original.id });
    const filed = await t.json<Report>(t.send("POST", "/api/v1/reports", alice.token, {
      account_id: troll.id, status_ids: [reply.id], forward: true, forward_to_domains: ["third.example", "unrelated.example", "far.example"],
    }));
    const event = await t.app.database.db.selectFrom("outbox_events").select("payload").where("type", "=", "report.forwarded").orderBy("id", "desc").executeTakeFirstOrThrow();
    // The Flag goes to the troll's instance and the victim's, with the reply (fixed now, whatever happens to it later).
    expect(JSON.parse(event.payload)).toMatchObject({ reportId: filed.id, recipientIds: [troll.id, victim.id], statusUris: [reply.uri] });
  });
});

describe("the reporter is told the outcome", () => {
  it("by an admin.report notification from their own account carrying the resolved report (API v1, v2)", async () => {
    const filed = (await t.json<Report>(t.send("POST", "/api/v1/reports", carol.token, { account_id: bob.id, comment: "please look" })));
    const resolved = await t.app.services.resolveReport(CLI_MODERATOR, filed.id, "warn");
    expect(resolved.ok).toBe(true);
    const notifications = await t.json<{ type: string; account: { id: string }; report?: Report }[]>(t.call("/api/v1/notifications", carol.token));
    expect(notifications.map((n) => [n.type, n.account.id, n.report?.id, n.report?.action_taken])).toEqual([["admin.report", carol.id, filed.id, true]]);
    expectEntity(notifications[0], "Notification");
    const grouped = await t.json<{ notification_groups: { type: string; report?: Report }[] }>(t.call("/api/v2/notifications", carol.token));
    expectEntity(grouped, "GroupedNotificationsResults");
    expect(grouped.notification_groups.map((g) => [g.type, g.report?.id])).toEqual([["admin.report", filed.id]]);
    // Resolving again changes nothing and tells nobody twice.
    expect(await t.app.services.resolveReport(CLI_MODERATOR, filed.id)).toMatchObject({ ok: true, value: { action_taken: "warn" } });
    expect(await t.json<unknown[]>(t.call("/api/v1/notifications", carol.token))).toHaveLength(1);
  });
});

describe("reports from other instances", () => {
  it("are filed from the sending actor, once per Flag, unless a domain block rejects that server's reports", async () => {
    const actor = await t.remoteAccount("instance.actor", "other.example");
    const input = { origin: "remote" as const, accountId: actor.id, targetAccountId: bob.id, comment: "from afar", uri: "https://other.example/flags/1" };
    const first = await t.app.services.fileReport(input);
    const again = await t.app.services.fileReport(input);
    expect(first.ok && again.ok && again.value.id === first.value.id).toBe(true);
    const remoteTarget = await t.app.services.fileReport({ ...input, targetAccountId: actor.id, uri: "https://other.example/flags/2" });
    expect(remoteTarget).toMatchObject({ ok: false, kind: "not-found" });
    const blocked = await t.app.services.createDomainBlock(CLI_MODERATOR, { domain: "other.example", severity: "noop", reject_reports: true });
    expect(blocked.ok).toBe(true);
    const refused = await t.app.services.fileReport({ ...input, uri: "https://other.example/flags/3" });
    expect(refused).toMatchObject({ ok: false, kind: "forbidden" });
  });

  it("take the outcome of a forwarded report only from the reported account's instance", async () => {
    const report = await t.app.database.db.selectFrom("reports").selectAll().where("forwarded", "=", 1).executeTakeFirstOrThrow();
    const stranger = await t.remoteAccount("instance.actor", "elsewhere.example");
    const refused = await t.app.services.recordRemoteOutcome({ flagUri: report.uri!, senderId: stranger.id, actionTaken: "suspend" });
    expect(refused).toMatchObject({ ok: false, kind: "forbidden" });
    const theirs = await t.remoteAccount("instance.actor", "far.example");
    const recorded = await t.app.services.recordRemoteOutcome({ flagUri: report.uri!, senderId: theirs.id, actionTaken: "suspend" });
    expect(recorded).toMatchObject({ ok: true, value: { remote_action_taken: "suspend" } });
  });
});
