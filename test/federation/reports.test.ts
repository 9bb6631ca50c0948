// Reports across instances: alice@A reports bob@B with forward; B receives
// the Flag from A's instance actor (an Application with keys of its own) as a
// report carrying only bob's public status; B's moderator resolves it through
// B's admin API; A learns the outcome through Parley's Flag outcome.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { Flag } from "@fedify/vocab";
import { eventually, type Rig, type RigInstance, sendRaw, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance;
let alice: AccountRow, bob: AccountRow, aliceToken: string, modOnA: string, modOnB: string;

beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
  [alice, bob] = [await a.createAccount("alice"), await b.createAccount("bob")];
  await a.createAccount("amod");
  await b.createAccount("bmod");
  await a.app.services.changeRole(CLI_MODERATOR, "amod", "moderator");
  await b.app.services.changeRole(CLI_MODERATOR, "bmod", "moderator");
  aliceToken = await issueToken(a.app, alice.id);
  modOnA = await issueToken(a.app, (await a.app.database.db.selectFrom("accounts").select("id").where("username", "=", "amod").executeTakeFirstOrThrow()).id, "read admin:read admin:write");
  modOnB = await issueToken(b.app, (await b.app.database.db.selectFrom("accounts").select("id").where("username", "=", "bmod").executeTakeFirstOrThrow()).id, "read admin:read admin:write");
});
afterAll(async () => {
  await rig?.close();
});

async function api(instance: RigInstance, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) } };
  if (body) init.body = JSON.stringify(body);
  const response = await instance.app.fetch(new Request(new URL(path, instance.url), init));
  expect(response.status, `${method} ${path}`).toBe(200);
  return response.json();
}

// A remote account's email and locale are null, as Mastodon sends them where openapi.json says
// string: the entity is checked with the report's local account in place of the remote one.
function expectAdminReport(report: any): void {
  const local = [report.account, report.target_account].find((account) => account.domain === null);
  expectEntity(local, "AdminAccount");
  const swap = (account: any) => (account.domain === null ? account : local);
  expectEntity({ ...report, account: swap(report.account), target_account: swap(report.target_account) }, "AdminReport");
}

describe("a forwarded report", () => {
  it("reaches B as a report from A's instance actor, and B's resolution comes back to A", async () => {
    // Bob's threat reaches alice on A through the mention; his followers-only post through a follow.
    const bobOnA = await a.resolve(`@bob@${b.host}`);
    const followed = await a.app.services.followAccount({ followerId: alice.id, targetId: bobOnA.id, origin: "local" });
    expect(followed.ok).toBe(true);
    await rig.settle();
    const threat = await b.post(bob, `@alice@${a.host} I know where you live`);
    const hidden = await b.post(bob, "followers only, also nasty", { visibility: "private" });
    await rig.settle();
    const local = await eventually(async () => {
      const rows = await a.app.database.db.selectFrom("statuses").select(["id", "uri"]).where("uri", "in", [threat.uri, hidden.uri]).execute();
      return rows.length === 2 ? rows : null;
    }, { what: "bob's statuses on A" });

    const report = await api(a, aliceToken, "POST", "/api/v1/reports", { account_id: bobOnA.id, status_ids: local.map((s) => s.id), comment: "a threat", forward: true });
    expectEntity(report, "Report");
    expect(report.forwarded).toBe(true);

    // B files it from A's instance actor, with only the public status.
    const onB = await eventually(async () => {
      const list = await api(b, modOnB, "GET", "/api/v1/admin/reports");
      return list.length === 1 ? list[0] : null;
    }, { what: "the Flag to arrive on B" });
    expectAdminReport(onB);
    expect([onB.account.email, onB.account.locale]).toEqual([null, null]);
    expect(onB.account.username).toBe("instance.actor");
    expect(onB.account.domain).toBe(a.host);
    expect(onB.account.account.uri).toBe(`${a.url.origin}/users/instance.actor`);
    expect(onB.target_account.id).toBe(bob.id);
    expect(onB.statuses.map((s: { uri: string }) => s.uri)).toEqual([threat.uri]);
    expect(onB.comment).toBe("a threat");
    const reporterOnB = await b.app.database.db.selectFrom("accounts").select("actor_type").where("id", "=", onB.account.id).executeTakeFirstOrThrow();
    expect(reporterOnB.actor_type).toBe("Application");

    // B's moderator resolves; A's moderators see the outcome and a note from B.
    const resolved = await api(b, modOnB, "POST", `/api/v1/admin/reports/${onB.id}/resolve`);
    expect(resolved.action_taken).toBe(true);
    const onA = await eventually(async () => {
      const shown = await api(a, modOnA, "GET", `/api/v1/admin/reports/${report.id}`);
      return shown.remote_outcome ? shown : null;
    }, { what: "the Flag outcome to reach A" });
    expectAdminReport(onA);
    expect(onA.remote_outcome.action_taken).toBe("none");
    expect(onA.action_taken).toBe(false);
    const notes = await api(a, modOnA, "GET", `/api/v1/admin/reports/${report.id}/notes`);
    expect(notes.map((n: { author: string }) => n.author)).toEqual([b.host]);
  });

  it("serves the instance actor as an Application with a key, found through WebFinger", async () => {
    const actor = await a.app.fetch(new Request(new URL("/users/instance.actor", a.url), { headers: { Accept: "application/activity+json" } }));
    const document = (await actor.json()) as { type: string; preferredUsername: string; publicKey?: { publicKeyPem: string } };
    expect([actor.status, document.type, document.preferredUsername]).toEqual([200, "Application", "instance.actor"]);
    expect(document.publicKey?.publicKeyPem).toContain("BEGIN PUBLIC KEY");
    const finger = await a.app.fetch(new Request(new URL(`/.well-known/webfinger?resource=acct:instance.actor@${a.host}`, a.url)));
    expect(finger.status).toBe(200);
  });

  it("takes a Flag in Mastodon's shape from any actor once, keeps only the target's local statuses, and drops it when reports from that server are rejected", async () => {
    await a.createAccount("carol");
    const bobsPost = await b.post(bob, "reported post");
    const othersPost = await b.post(await b.createAccount("dave"), "someone else's post");
    const flag = new Flag({
      id: new URL(`${a.url.origin}/flags/mastodon-shaped`),
      actor: new URL(`${a.url.origin}/users/carol`),
      objects: [new URL(bob.uri), new URL(bobsPost.uri), new URL(othersPost.uri), new URL(`${a.url.origin}/users/carol/statuses/1`)],
      content: "Please take a look at this user and their posts",
      tos: [new URL(bob.uri)],
    });
    await sendRaw(rig, a, "carol", `@bob@${b.host}`, flag);
    await sendRaw(rig, a, "carol", `@bob@${b.host}`, flag);
    const reports = await b.app.database.db.selectFrom("reports").selectAll().where("uri", "=", flag.id!.href).execute();
    expect(reports.map((r) => [r.target_account_id, JSON.parse(r.status_ids), r.comment])).toEqual([[bob.id, [bobsPost.id], "Please take a look at this user and their posts"]]);

    const blocked = await b.app.services.createDomainBlock(CLI_MODERATOR, { domain: a.host, severity: "noop", reject_reports: true });
    expect(blocked.ok).toBe(true);
    await sendRaw(rig, a, "carol", `@bob@${b.host}`, new Flag({ id: new URL(`${a.url.origin}/flags/after-block`), actor: new URL(`${a.url.origin}/users/carol`), objects: [new URL(bob.uri)] }));
    expect(await b.app.database.db.selectFrom("reports").select("id").where("uri", "=", `${a.url.origin}/flags/after-block`).execute()).toEqual([]);
  });

  // A suspension would reach A as Delete(actor) first, and A (as Mastodon) removes the account and
  // its reports with it (ADR 23): the outcome is shown with an action that keeps the account.
  it("tells A the action when B's moderator answers the report with an account action (silence)", async () => {
    // The test before left B rejecting A's reports.
    const block = await b.app.database.db.selectFrom("domain_blocks").select("id").where("domain", "=", a.host).executeTakeFirstOrThrow();
    expect((await b.app.services.removeDomainBlock(CLI_MODERATOR, block.id)).ok).toBe(true);
    const bobOnA = await a.resolve(`@bob@${b.host}`);
    const report = await api(a, aliceToken, "POST", "/api/v1/reports", { account_id: bobOnA.id, comment: "again", forward: true });
    const onB = await eventually(async () => {
      const list = await api(b, modOnB, "GET", `/api/v1/admin/reports?target_account_id=${bob.id}`);
      return list.find((r: { comment: string }) => r.comment === "again") ?? null;
    }, { what: "the second Flag to arrive on B" });
    await api(b, modOnB, "POST", `/api/v1/admin/accounts/${bob.id}/action`, { type: "silence", report_id: onB.id });
    const resolvedOnB = await api(b, modOnB, "GET", `/api/v1/admin/reports/${onB.id}`);
    expect([resolvedOnB.action_taken, resolvedOnB.action_taken_name]).toEqual([true, "silence"]);
    const onA = await eventually(async () => {
      const shown = await api(a, modOnA, "GET", `/api/v1/admin/reports/${report.id}`);
      return shown.remote_outcome ? shown : null;
    }, { what: "the action to be told to A" });
    expect(onA.remote_outcome.action_taken).toBe("silence");
  });
});
