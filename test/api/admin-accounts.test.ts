// The admin accounts API (Mastodon's v1 and v2) and what each action does on
// every surface: suspension hides an account and its statuses everywhere and
// kills its tokens, silence keeps it from public timelines and strangers,
// disabled logins stop tokens, sign-ups are approved or rejected, and every
// action is audited. The CLI runs the same services.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeExpiredSuspensions } from "../../src/services/moderation/purge-suspended.ts";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { checkCredentials } from "../../src/services/oauth/check-credentials.ts";
import { databaseEnv, runParley } from "../helpers/child-process.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let admin: TestUser, mod: TestUser, alice: TestUser, bob: TestUser, carol: TestUser;
type AdminAccount = { id: string; username: string; suspended: boolean; silenced: boolean; sensitized: boolean; disabled: boolean; approved: boolean; domain: string | null };

const cli = (...args: string[]) => runParley(args, { ...databaseEnv(t.app.database.config), PARLEY_PUBLIC_URL: "https://parley.test", PARLEY_LOG_LEVEL: "error" });
// A GET carries no body.
const request = (method: string, path: string, token: string | null) => (method === "GET" ? t.call(path, token) : t.send(method, path, token, { type: "none" }));
const act = (token: string, id: string, body: Record<string, unknown>) => t.send("POST", `/api/v1/admin/accounts/${id}/action`, token, body);
const ids = (list: { id: string }[]) => list.map((x) => x.id);
const statusIdsOf = async (path: string, token: string | null) => ids(await t.json<{ id: string }[]>(t.call(path, token)));

beforeAll(async () => {
  t = await startApiTest();
  admin = await t.user("admin", "read write admin:read admin:write");
  mod = await t.user("mod", "read admin:read:accounts admin:write:accounts");
  [alice, bob, carol] = [await t.user("alice"), await t.user("bob"), await t.user("carol")];
  for (const [name, role] of [["admin", "admin"], ["mod", "moderator"]] as const) {
    expect((await t.app.services.changeRole(CLI_MODERATOR, name, role)).ok).toBe(true);
  }
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("admin accounts API guards", () => {
  it("answers 401 without a token, 403 without the scope, 403 to a user without the role", async () => {
    const routes: [string, string][] = [
      ["GET", "/api/v1/admin/accounts"], ["GET", "/api/v2/admin/accounts"], ["GET", `/api/v1/admin/accounts/${bob.id}`],
      ["POST", `/api/v1/admin/accounts/${bob.id}/action`], ["POST", `/api/v1/admin/accounts/${bob.id}/unsuspend`], ["DELETE", `/api/v1/admin/accounts/${bob.id}`],
    ];
    const scopeless = await t.user("scopeless", "read write");
    await t.app.services.changeRole(CLI_MODERATOR, "scopeless", "admin");
    const plain = await t.user("plain", "read write admin:read admin:write");
    for (const [method, path] of routes) {
      expect((await request(method, path, null)).status, `${method} ${path}`).toBe(401);
      expect(await t.json(request(method, path, scopeless.token)), `${method} ${path}`).toEqual({ error: "This action is outside the authorized scopes" });
      const refused = await request(method, path, plain.token);
      expect([refused.status, await refused.json()], `${method} ${path}`).toEqual([403, { error: "This action is not allowed" }]);
    }
    // Deleting data needs delete_user_data, which moderators lack.
    expect((await t.send("DELETE", `/api/v1/admin/accounts/${bob.id}`, mod.token)).status).toBe(403);
  });

  it("answers 404 for an unknown account and 422 for an unknown action", async () => {
    expect((await t.call("/api/v1/admin/accounts/999999", admin.token)).status).toBe(404);
    expect((await act(admin.token, "999999", { type: "silence" })).status).toBe(404);
    expect((await act(admin.token, bob.id, { type: "explode" })).status).toBe(422);
  });

  it("lets no moderator act on staff of their rank or above, nor on themselves", async () => {
    expect((await act(mod.token, admin.id, { type: "suspend" })).status).toBe(403);
    expect((await act(mod.token, mod.id, { type: "silence" })).status).toBe(403);
  });
});

describe("listing accounts", () => {
  it("gives Admin::Account entities, filtered as v1 and v2 filter", async () => {
    const remote = await t.remoteAccount("remy", "far.example");
    const all = await t.json<AdminAccount[]>(t.call("/api/v1/admin/accounts", mod.token));
    expectEntities(all.filter((a) => a.domain === null), "AdminAccount");
    expect(ids(all)).toEqual(expect.arrayContaining([alice.id, remote.id]));
    expect(ids(await t.json(t.call("/api/v1/admin/accounts?remote=true", mod.token)))).toEqual([remote.id]);
    expect(ids(await t.json(t.call("/api/v1/admin/accounts?by_domain=far", mod.token)))).toEqual([remote.id]);
    expect(ids(await t.json(t.call("/api/v1/admin/accounts?username=ALI", mod.token)))).toEqual([alice.id]);
    expect(ids(await t.json(t.call("/api/v1/admin/accounts?email=carol@", mod.token)))).toEqual([carol.id]);
    expect(new Set(ids(await t.json(t.call("/api/v1/admin/accounts?staff=true", mod.token))))).toEqual(new Set([admin.id, mod.id, (await t.json<AdminAccount[]>(t.call("/api/v1/admin/accounts?username=scopeless", mod.token)))[0]!.id]));
    expect(ids(await t.json(t.call("/api/v2/admin/accounts?origin=remote", mod.token)))).toEqual([remote.id]);
    expect(ids(await t.json(t.call("/api/v2/admin/accounts?role_ids[]=1", mod.token)))).toEqual([mod.id]);
    const page = await t.call("/api/v2/admin/accounts?origin=local&limit=2", mod.token);
    expect((await page.json() as unknown[]).length).toBe(2);
    expect(page.headers.get("Link")).toContain("max_id=");
    const one = await t.json<AdminAccount>(t.call(`/api/v1/admin/accounts/${alice.id}`, mod.token));
    expectEntity(one, "AdminAccount");
    expect(one).toMatchObject({ username: "alice", suspended: false, silenced: false, disabled: false, approved: true });
  });
});

describe("suspending a local account", () => {
  it("hides it and its statuses everywhere, stops its token, and federates nothing it could not", async () => {
    const dan = await t.user("dan");
    await t.follow(alice, { id: dan.id });
    const post = await t.post(dan, "dan's public words");
    const reply = await t.post(alice, "alice answers", { in_reply_to_id: post.id });
    await t.send("POST", `/api/v1/statuses/${reply.id}/favourite`, dan.token);
    await t.post(dan, `@alice hello again`);
    await t.send("POST", `/api/v1/statuses/${post.id}/bookmark`, alice.token);
    expect(await statusIdsOf("/api/v1/timelines/public", null)).toContain(post.id);
    expect(await statusIdsOf("/api/v1/bookmarks", alice.token)).toEqual([post.id]);

    expect((await act(mod.token, dan.id, { type: "suspend", text: "threats" })).status).toBe(200);

    const danInAdmin = await t.json<AdminAccount>(t.call(`/api/v1/admin/accounts/${dan.id}`, mod.token));
    expect(danInAdmin.suspended).toBe(true);
    expect((await t.call("/api/v1/accounts/verify_credentials", dan.token)).status).toBe(401);
    for (const path of [`/api/v1/accounts/${dan.id}`, `/api/v1/accounts/lookup?acct=dan`, `/api/v1/statuses/${post.id}`, `/api/v1/accounts/${dan.id}/statuses`]) {
      expect((await t.call(path, alice.token)).status, path).toBe(404);
    }
    expect(await statusIdsOf("/api/v1/timelines/public", null)).not.toContain(post.id);
    expect(await statusIdsOf("/api/v1/timelines/public", alice.token)).not.toContain(post.id);
    expect(await statusIdsOf("/api/v1/timelines/home", alice.token)).not.toContain(post.id);
    expect(await statusIdsOf("/api/v1/bookmarks", alice.token)).toEqual([]);
    const context = await t.json<{ ancestors: { id: string }[] }>(t.call(`/api/v1/statuses/${reply.id}/context`, alice.token));
    expect(ids(context.ancestors)).toEqual([]);
    expect(await t.json(t.call(`/api/v1/statuses/${reply.id}/favourited_by`, null))).toEqual([]);
    expect(ids(await t.json(t.call(`/api/v1/accounts/${alice.id}/following`, alice.token)))).not.toContain(dan.id);
    const notifications = await t.json<{ account: { id: string } }[]>(t.call("/api/v1/notifications", alice.token));
    expect(notifications.map((n) => n.account.id)).not.toContain(dan.id);
    const search = await t.json<{ accounts: { id: string }[]; statuses: { id: string }[] }>(t.call("/api/v2/search?q=dan", alice.token));
    expect(ids(search.accounts)).not.toContain(dan.id);
    // Its actor answers 410 Gone.
    const fetchAp = (url: string) => t.app.fetch(new Request(url, { headers: { Accept: "application/activity+json" } }));
    expect((await fetchAp("https://parley.test/users/dan")).status).toBe(410);
    // Its statuses are no longer dereferenceable.
    const postUri = (post as { uri?: string }).uri!;
    expect((await fetchAp(postUri)).status).toBe(404);

    const suspendEntry = await t.app.database.db.selectFrom("audit_log").selectAll().where("action", "=", "account.suspend").where("target_id", "=", dan.id).executeTakeFirst();
    expect(suspendEntry).toMatchObject({ actor_name: "mod", reason: "threats" });

    // Unsuspended within 30 days, everything is back.
    const back = await t.json<AdminAccount>(t.send("POST", `/api/v1/admin/accounts/${dan.id}/unsuspend`, mod.token));
    expectEntity(back, "AdminAccount");
    expect(back.suspended).toBe(false);
    expect((await t.call("/api/v1/accounts/verify_credentials", dan.token)).status).toBe(200);
    expect((await t.call(`/api/v1/statuses/${post.id}`, alice.token)).status).toBe(200);
    expect(await statusIdsOf("/api/v1/timelines/home", alice.token)).toContain(post.id);
    expect(await statusIdsOf("/api/v1/bookmarks", alice.token)).toEqual([post.id]);
    expect((await fetchAp(postUri)).status).toBe(200);
  });

  it("keeps the data 30 days, then the scheduler purges it; delete-data purges now", async () => {
    const erin = await t.user("erin");
    const fred = await t.user("fred");
    await t.post(erin, "erin was here");
    expect((await act(admin.token, erin.id, { type: "suspend" })).status).toBe(200);
    expect((await act(admin.token, fred.id, { type: "suspend" })).status).toBe(200);
    // Not a suspended account's data: refused.
    expect((await t.send("DELETE", `/api/v1/admin/accounts/${carol.id}`, admin.token)).status).toBe(403);

    const deleted = await t.send("DELETE", `/api/v1/admin/accounts/${fred.id}`, admin.token);
    expect(deleted.status).toBe(200);
    const db = t.app.database.db;
    expect((await db.selectFrom("accounts").select("deleted_at").where("id", "=", fred.id).executeTakeFirstOrThrow()).deleted_at).not.toBeNull();
    expect((await t.send("POST", `/api/v1/admin/accounts/${fred.id}/unsuspend`, admin.token)).status).toBe(404);

    expect(await purgeExpiredSuspensions(t.app.services.deps, Date.now() + 29 * 24 * 3600_000)).toBe(0);
    expect(await db.selectFrom("statuses").select("id").where("account_id", "=", erin.id).execute()).toHaveLength(1);
    expect(await purgeExpiredSuspensions(t.app.services.deps, Date.now() + 31 * 24 * 3600_000)).toBe(1);
    expect(await db.selectFrom("statuses").select("id").where("account_id", "=", erin.id).execute()).toHaveLength(0);
    const purge = await db.selectFrom("audit_log").selectAll().where("action", "=", "account.purge").where("target_id", "=", erin.id).executeTakeFirst();
    expect(purge?.actor_name).toBe("system");
  });
});

describe("other account actions", () => {
  it("silence keeps an account's posts from public timelines and strangers, and its notifications from non-followers", async () => {
    const gil = await t.user("gil");
    await t.follow(alice, { id: gil.id });
    const before = await t.post(gil, "gil speaks");
    await t.send("POST", `/api/v1/statuses/${before.id}/favourite`, alice.token);
    expect(await statusIdsOf("/api/v1/trends/statuses", null)).toContain(before.id);
    expect((await act(mod.token, gil.id, { type: "silence" })).status).toBe(200);
    expect(await statusIdsOf("/api/v1/trends/statuses", alice.token)).not.toContain(before.id);
    expect(await statusIdsOf("/api/v1/timelines/public", null)).not.toContain(before.id);
    expect(await statusIdsOf("/api/v1/timelines/public", alice.token)).not.toContain(before.id);
    // A follower still sees it; a stranger does not.
    expect((await t.call(`/api/v1/statuses/${before.id}`, alice.token)).status).toBe(200);
    expect(await statusIdsOf("/api/v1/timelines/home", alice.token)).toContain(before.id);
    expect((await t.call(`/api/v1/statuses/${before.id}`, bob.token)).status).toBe(404);
    expect((await t.call(`/api/v1/statuses/${before.id}`, null)).status).toBe(404);
    await t.post(gil, "@bob @alice hi both");
    const bobHears = await t.json<{ account: { id: string } }[]>(t.call("/api/v1/notifications", bob.token));
    expect(bobHears.map((n) => n.account.id)).not.toContain(gil.id);
    const aliceHears = await t.json<{ account: { id: string } }[]>(t.call("/api/v1/notifications", alice.token));
    expect(aliceHears.map((n) => n.account.id)).toContain(gil.id);

    // Its Account entity says so, for clients to show it behind a warning.
    expect((await t.json<{ limited?: boolean }>(t.call(`/api/v1/accounts/${gil.id}`, alice.token))).limited).toBe(true);
    const undone = await t.json<AdminAccount>(t.send("POST", `/api/v1/admin/accounts/${gil.id}/unsilence`, mod.token));
    expect(undone.silenced).toBe(false);
    expect((await t.call(`/api/v1/statuses/${before.id}`, bob.token)).status).toBe(200);
  });

  it("a warning reaches the account as a moderation_warning notification", async () => {
    expect((await act(mod.token, carol.id, { type: "none", text: "please be kind" })).status).toBe(200);
    const list = await t.json<{ type: string; moderation_warning?: { text: string; action: string } }[]>(t.call("/api/v1/notifications", carol.token));
    expectEntities(list, "Notification");
    const warning = list.find((n) => n.type === "moderation_warning");
    expect(warning?.moderation_warning).toMatchObject({ action: "none", text: "please be kind" });
    expectEntity(warning!.moderation_warning, "AccountWarning");
    const grouped = await t.json<{ notification_groups: { type: string; moderation_warning?: { text: string } }[] }>(t.call("/api/v2/notifications", carol.token));
    expectEntity(grouped, "GroupedNotificationsResults");
    expect(grouped.notification_groups.find((g) => g.type === "moderation_warning")?.moderation_warning?.text).toBe("please be kind");
  });

  it("disable stops the login and its tokens; enable restores them", async () => {
    const hal = await t.user("hal");
    expect((await act(mod.token, hal.id, { type: "disable" })).status).toBe(200);
    expect((await t.call("/api/v1/accounts/verify_credentials", hal.token)).status).toBe(401);
    // Signing in again (page or password grant) is refused too.
    expect(await checkCredentials(t.app.database.db, "hal@example.com", "long enough password")).toMatchObject({ ok: false, message: "Your login is currently disabled" });
    expect((await t.json<AdminAccount>(t.call(`/api/v1/admin/accounts/${hal.id}`, mod.token))).disabled).toBe(true);
    expect(ids(await t.json(t.call("/api/v1/admin/accounts?disabled=true", mod.token)))).toEqual([hal.id]);
    const enabled = await t.json<AdminAccount>(t.send("POST", `/api/v1/admin/accounts/${hal.id}/enable`, mod.token));
    expect(enabled.disabled).toBe(false);
    expect((await t.call("/api/v1/accounts/verify_credentials", hal.token)).status).toBe(200);
    expect((await checkCredentials(t.app.database.db, "hal@example.com", "long enough password")).ok).toBe(true);
  });

  it("sensitive marks the account's media sensitive; unsensitive takes it back", async () => {
    const ivy = await t.remoteAccount("ivy", "pics.example");
    const created = await t.app.services.createStatus({
      origin: "remote", accountId: ivy.id, uri: "https://pics.example/statuses/1", content: "<p>a picture</p>", visibility: "public",
      attachments: [{ type: "image", url: "https://pics.example/a.png", mediaType: "image/png", description: null, blurhash: null, width: null, height: null, focus: null }],
    });
    const plain = await t.remoteStatus(ivy, "just words");
    const id = created.ok ? created.value.id : "";
    const sensitive = async (statusId: string) => (await t.json<{ sensitive: boolean }>(t.call(`/api/v1/statuses/${statusId}`, alice.token))).sensitive;
    expect(await sensitive(id)).toBe(false);
    expect((await act(mod.token, ivy.id, { type: "sensitive" })).status).toBe(200);
    expect((await t.json<AdminAccount>(t.call(`/api/v1/admin/accounts/${ivy.id}`, mod.token))).sensitized).toBe(true);
    expect(ids(await t.json(t.call("/api/v1/admin/accounts?sensitized=true", mod.token)))).toEqual([ivy.id]);
    // Media is hidden behind a warning; a status without media stays as it was.
    expect([await sensitive(id), await sensitive(plain.id)]).toEqual([true, false]);
    expect((await t.json<AdminAccount>(t.send("POST", `/api/v1/admin/accounts/${ivy.id}/unsensitive`, mod.token))).sensitized).toBe(false);
    expect(await sensitive(id)).toBe(false);
  });

  it("an action answering a report resolves it; an unknown report is 404", async () => {
    const mia = await t.user("mia");
    const filed = await t.json<{ id: string }>(t.send("POST", "/api/v1/reports", alice.token, { account_id: mia.id, comment: "rude" }));
    expect((await act(mod.token, mia.id, { type: "none", text: "mind the rules", report_id: "424242" })).status).toBe(404);
    expect((await act(mod.token, mia.id, { type: "silence", text: "mind the rules", report_id: filed.id })).status).toBe(200);
    const report = await t.json<{ action_taken: boolean }>(t.call(`/api/v1/admin/reports/${filed.id}`, admin.token));
    expect(report.action_taken).toBe(true);
    const warning = await t.app.database.db.selectFrom("account_warnings").selectAll().where("account_id", "=", mia.id).executeTakeFirstOrThrow();
    expect(warning).toMatchObject({ action: "silence", text: "mind the rules", report_id: filed.id });
  });

  it("approves and rejects pending sign-ups", async () => {
    const [jo, kim] = [await t.user("jo"), await t.user("kim")];
    for (const who of [jo, kim]) {
      await t.app.database.db.insertInto("account_registrations").values({ account_id: who.id, application_id: null, reason: "let me in", locale: "en", approved_at: null, created_at: Date.now() }).execute();
    }
    expect(new Set(ids(await t.json(t.call("/api/v2/admin/accounts?status=pending", mod.token))))).toEqual(new Set([jo.id, kim.id]));
    const approved = await t.json<AdminAccount>(t.send("POST", `/api/v1/admin/accounts/${jo.id}/approve`, mod.token));
    expect(approved.approved).toBe(true);
    expect((await t.call("/api/v1/accounts/verify_credentials", jo.token)).status).toBe(200);
    expect((await t.send("POST", `/api/v1/admin/accounts/${jo.id}/approve`, mod.token)).status).toBe(403);
    expect((await t.send("POST", `/api/v1/admin/accounts/${kim.id}/reject`, mod.token)).status).toBe(200);
    expect((await t.call(`/api/v1/admin/accounts/${kim.id}`, mod.token)).status).toBe(404);
  });
});

describe("remote accounts", () => {
  it("suspending one purges its content here and hides it", async () => {
    const rex = await t.remoteAccount("rex", "bad.example");
    const said = await t.remoteStatus(rex, "remote words", { mentionAccountIds: [alice.id] });
    await t.follow(bob, rex);
    expect((await act(mod.token, rex.id, { type: "suspend" })).status).toBe(200);
    const db = t.app.database.db;
    expect(await db.selectFrom("statuses").select("id").where("account_id", "=", rex.id).execute()).toEqual([]);
    expect(await db.selectFrom("follows").select("id").where("target_account_id", "=", rex.id).execute()).toEqual([]);
    expect((await t.call(`/api/v1/statuses/${said.id}`, alice.token)).status).toBe(404);
    expect((await t.call(`/api/v1/accounts/${rex.id}`, alice.token)).status).toBe(404);
    expect(ids(await t.json(t.call("/api/v1/admin/accounts?suspended=true&remote=true", mod.token)))).toEqual([rex.id]);
  });
});

describe("the moderation CLI", () => {
  it("acts on accounts and statuses through the same services, audited as the CLI", async () => {
    const lou = await t.user("lou");
    const first = await t.post(lou, "first");
    const second = await t.post(lou, "second");
    const silenced = await cli("moderation", "account", "lou", "silence", "--reason", "spam");
    expect(silenced.code, silenced.stderr).toBe(0);
    expect((await t.json<AdminAccount>(t.call(`/api/v1/admin/accounts/${lou.id}`, mod.token))).silenced).toBe(true);
    expect((await cli("moderation", "account", "lou", "unsilence")).code).toBe(0);
    expect((await cli("moderation", "status", first.id, "delete", "--reason", "rule 1")).code).toBe(0);
    expect((await t.call(`/api/v1/statuses/${first.id}`, lou.token)).status).toBe(404);
    expect((await cli("moderation", "status", second.id, "sensitive")).code).toBe(0);
    expect((await t.json<{ sensitive: boolean }>(t.call(`/api/v1/statuses/${second.id}`, lou.token))).sensitive).toBe(true);
    const log = await t.app.database.db.selectFrom("audit_log").select(["action", "actor_name"]).where("actor_name", "=", "cli").where("action", "like", "%.%").orderBy("id").execute();
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(["account.silence", "account.unsilence", "status.delete", "status.sensitive"]));
    // The author hears of both, as warnings.
    const warnings = await t.json<{ type: string }[]>(t.call("/api/v1/notifications?types[]=moderation_warning", lou.token));
    expect(warnings.length).toBeGreaterThanOrEqual(3);

    const bad = await cli("moderation", "account", "lou", "explode");
    expect(bad.code).toBe(2);
    expect((await cli("moderation", "account", "nobody", "suspend")).code).toBe(1);
  });
});
