// Automatic rules: each kind (keyword, regex, mention flood by new accounts,
// link spam) and each action (flag, hold, mark sensitive, reject) on local and
// remote statuses and profiles, dry runs that only count, and the admin API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import type { RuleInput } from "../../src/services/moderation/manage-rules.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let admin: TestUser, mod: TestUser, alice: TestUser, bob: TestUser, carol: TestUser;
type Rule = { id: string; kind: string; action: string; dry_run: boolean; matches_count: number; examples: { excerpt: string; dry_run: boolean }[] };

const addRule = async (input: RuleInput) => {
  const rule = await t.app.services.createRule(CLI_MODERATOR, input);
  if (!rule.ok) throw new Error(rule.message);
  return rule.value;
};
const statusCount = async () => Number((await t.app.database.db.selectFrom("statuses").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const audited = async (action: string, targetId: string) =>
  (await t.app.database.db.selectFrom("audit_log").selectAll().where("action", "=", action).where("target_id", "=", targetId).execute()).length;
const remoteLinks = (n: number, host: string) => Array.from({ length: n }, (_, i) => `<a href="https://${host}/${i}">link ${i}</a>`).join(" ");

beforeAll(async () => {
  t = await startApiTest();
  [admin, mod, alice, bob, carol] = [
    await t.user("admin", "read write admin:read admin:write"), await t.user("mod", "read admin:read admin:write"),
    await t.user("alice"), await t.user("bob"), await t.user("carol"),
  ];
  expect(await t.app.services.changeRole(CLI_MODERATOR, "admin", "admin")).toMatchObject({ ok: true });
  expect(await t.app.services.changeRole(CLI_MODERATOR, "mod", "moderator")).toMatchObject({ ok: true });
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("rule actions on statuses", () => {
  it("reject: a local post gets 422 and is not stored, a remote one is dropped", async () => {
    await addRule({ kind: "keyword", pattern: "forbidden phrase", fields: ["text", "spoiler"], action: "reject" });
    const before = await statusCount();
    const refused = await t.send("POST", "/api/v1/statuses", alice.token, { status: "this has a FORBIDDEN phrase in it" });
    expect([refused.status, await refused.json()]).toEqual([422, { error: "This post breaks a rule of this server and was not published" }]);
    const warned = await t.send("POST", "/api/v1/statuses", alice.token, { status: "fine", spoiler_text: "forbidden phrase" });
    expect(warned.status).toBe(422);
    const remote = await t.remoteAccount("rex");
    await expect(t.remoteStatus(remote, "a forbidden phrase from afar")).rejects.toThrow("Refused by an automatic rule");
    expect(await statusCount()).toBe(before);
  });

  it("sensitive: a regex match marks the status sensitive", async () => {
    await addRule({ kind: "regex", pattern: "g[o0]re\\b", fields: ["text"], action: "sensitive" });
    const post = await t.json<{ id: string; sensitive: boolean }>(t.send("POST", "/api/v1/statuses", alice.token, { status: "some G0RE here" }));
    expect(post.sensitive).toBe(true);
    expect(await audited("status.sensitive", post.id)).toBe(1);
  });

  it("flag: the status is published and put in front of moderators", async () => {
    await addRule({ kind: "keyword", pattern: "suspicious", fields: ["alt_text"], action: "flag" });
    const remote = await t.remoteAccount("sam");
    const created = await t.app.services.createStatus({
      origin: "remote", accountId: remote.id, uri: "https://remote.example/statuses/alt-1", content: "<p>a picture</p>", visibility: "public",
      attachments: [{ type: "image", url: "https://remote.example/a.png", mediaType: "image/png", description: "something suspicious", blurhash: null, width: null, height: null, focus: null }],
    });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : "";
    expect((await t.call(`/api/v1/statuses/${id}`, bob.token)).status).toBe(200);
    expect(await audited("rule.flag", id)).toBe(1);
    // A report from the instance (filed by its oldest admin) waits in the queue with the status.
    const reports = await t.json<{ account: { id: string }; target_account: { id: string }; statuses: { id: string }[]; comment: string }[]>(
      t.call(`/api/v1/admin/reports?target_account_id=${remote.id}`, mod.token),
    );
    expect(reports.map((r) => [r.account.id, r.target_account.id, r.statuses.map((s) => s.id)])).toEqual([[admin.id, remote.id, [id]]]);
    expect(reports[0]!.comment).toContain("something suspicious");
  });

  it("hold: link domains, link spam and mention floods by new accounts", async () => {
    await addRule({ kind: "keyword", pattern: "spam.example", fields: ["link_domains"], action: "hold" });
    await addRule({ kind: "link_spam", params: { maxLinksPerDomain: 2 }, action: "hold" });
    await addRule({ kind: "mention_flood", params: { maxMentions: 2, accountAgeHours: 24 }, action: "hold" });
    const remote = await t.remoteAccount("lou");
    const byDomain = await t.remoteStatus(remote, `look ${remoteLinks(1, "www.spam.example")}`);
    const bySpam = await t.remoteStatus(remote, `look ${remoteLinks(3, "shop.example")}`);
    const fine = await t.remoteStatus(remote, `look ${remoteLinks(2, "shop.example")}`);
    expect([byDomain.held_at !== null, bySpam.held_at !== null, fine.held_at !== null]).toEqual([true, true, false]);

    const flood = await t.post(carol, "hi @alice @bob @admin");
    expect((await t.call(`/api/v1/statuses/${flood.id}`, alice.token)).status).toBe(404);
    // An older account may mention as many as it likes.
    await t.app.database.db.updateTable("accounts").set({ created_at: Date.now() - 48 * 3_600_000 }).where("id", "=", bob.id).execute();
    const old = await t.post(bob, "hi @alice @carol @admin");
    expect((await t.call(`/api/v1/statuses/${old.id}`, alice.token)).status).toBe(200);
  });
});

describe("rules on edits", () => {
  it("read an edit as a new post: a rejected edit changes nothing, a held one leaves timelines", async () => {
    await addRule({ kind: "keyword", pattern: "held after edit", fields: ["text"], action: "hold" });
    await t.follow(bob, alice);
    const post = await t.json<{ id: string }>(t.send("POST", "/api/v1/statuses", alice.token, { status: "harmless" }));
    const refused = await t.send("PUT", `/api/v1/statuses/${post.id}`, alice.token, { status: "now a forbidden phrase" });
    expect([refused.status, await refused.json()]).toEqual([422, { error: "This post breaks a rule of this server and was not published" }]);
    expect((await t.json<{ content: string }>(t.call(`/api/v1/statuses/${post.id}`, bob.token))).content).toContain("harmless");

    expect((await t.send("PUT", `/api/v1/statuses/${post.id}`, alice.token, { status: "now held after edit" })).status).toBe(200);
    expect((await t.call(`/api/v1/statuses/${post.id}`, bob.token)).status).toBe(404);
    expect((await t.json<{ id: string }[]>(t.call("/api/v1/timelines/home", bob.token))).map((s) => s.id)).not.toContain(post.id);
    const hold = await t.app.database.db.selectFrom("status_holds").selectAll().where("status_id", "=", post.id).executeTakeFirstOrThrow();
    expect(hold.published).toBe(1);
  });
});

describe("rules on profiles", () => {
  it("reject a local profile with 422 and drop a remote one; flag and mark sensitive otherwise", async () => {
    await addRule({ kind: "keyword", pattern: "impostor", fields: ["display_name", "bio"], action: "reject" });
    await addRule({ kind: "keyword", pattern: "nsfw", fields: ["bio"], action: "sensitive" });
    const refused = await t.send("PATCH", "/api/v1/accounts/update_credentials", alice.token, { display_name: "Official Impostor" });
    expect([refused.status, await refused.json()]).toEqual([422, { error: "This profile breaks a rule of this server and was not saved" }]);
    await expect(t.remoteAccount("impostor_fan")).resolves.toBeDefined();
    const input = {
      uri: "https://remote.example/users/imp", username: "imp", domain: "remote.example", displayName: "impostor", note: "", avatarUrl: null, headerUrl: null,
      fields: [], emojis: [], locked: false, bot: false, discoverable: true, actorType: "Person" as const, url: null, inboxUrl: "https://remote.example/users/imp/inbox",
      sharedInboxUrl: null, outboxUrl: null, followersUrl: null, followingUrl: null, featuredUrl: null, publicKeys: [], alsoKnownAs: [], movedToUri: null, published: null,
    };
    expect(await t.app.services.upsertRemoteAccount(input)).toMatchObject({ ok: false, kind: "forbidden" });
    const kept = await t.app.services.upsertRemoteAccount({ ...input, displayName: "Imp", note: "<p>nsfw art</p>" });
    expect(kept.ok && kept.value.sensitized_at !== null).toBe(true);
    // A later rejected update keeps the profile as it was.
    const again = await t.app.services.upsertRemoteAccount({ ...input, displayName: "impostor again" });
    expect(again.ok && again.value.display_name).toBe("Imp");
  });
});

describe("dry runs and the rules API", () => {
  it("count what a dry-run rule matches and keep examples, without acting", async () => {
    const created = await t.send("POST", "/api/v1/admin/rules", admin.token, { kind: "keyword", pattern: "casino", fields: ["text"], action: "reject", dry_run: true });
    expect(created.status).toBe(200);
    const rule = (await created.json()) as Rule;
    expect(rule).toMatchObject({ kind: "keyword", action: "reject", dry_run: true, matches_count: 0, examples: [] });
    for (const text of ["best casino", "casino night"]) expect((await t.send("POST", "/api/v1/statuses", alice.token, { status: text })).status).toBe(200);
    const read = await t.json<Rule>(t.call(`/api/v1/admin/rules/${rule.id}`, admin.token));
    expect(read.matches_count).toBe(2);
    expect(read.examples.map((e) => [e.dry_run, e.excerpt.split(": ")[1]])).toEqual([[true, "casino night"], [true, "best casino"]]);

    const enforced = await t.send("PUT", `/api/v1/admin/rules/${rule.id}`, admin.token, { dry_run: false });
    expect(((await enforced.json()) as Rule).dry_run).toBe(false);
    expect((await t.send("POST", "/api/v1/statuses", alice.token, { status: "casino again" })).status).toBe(422);
    expect((await t.send("DELETE", `/api/v1/admin/rules/${rule.id}`, admin.token)).status).toBe(200);
    expect((await t.send("POST", "/api/v1/statuses", alice.token, { status: "casino once more" })).status).toBe(200);
    expect((await t.call(`/api/v1/admin/rules/${rule.id}`, admin.token)).status).toBe(404);
    const audit = await t.json<{ action: string }[]>(t.call(`/api/v1/admin/audit_log?target_id=${rule.id}`, admin.token));
    expect(audit.map((e) => e.action)).toEqual(["rule.delete", "rule.update", "rule.create"]);
  });

  it("refuse patterns RE2 cannot run in linear time, and incomplete rules", async () => {
    const bad = async (body: Record<string, unknown>) => {
      const response = await t.send("POST", "/api/v1/admin/rules", admin.token, body);
      return [response.status, ((await response.json()) as { error: string }).error];
    };
    expect(await bad({ kind: "regex", pattern: "(a)\\1", fields: ["text"], action: "hold" })).toEqual([422, expect.stringContaining("not a valid RE2 expression")]);
    expect(await bad({ kind: "regex", pattern: "(?<=x)y", fields: ["text"], action: "hold" })).toEqual([422, expect.stringContaining("not a valid RE2 expression")]);
    expect(await bad({ kind: "keyword", pattern: "x", fields: ["nowhere"], action: "hold" })).toEqual([422, expect.stringContaining("fields")]);
    expect(await bad({ kind: "mention_flood", action: "hold" })).toEqual([422, "A mention_flood rule needs max_mentions"]);
    expect(await bad({ kind: "keyword", pattern: "x", fields: ["text"], action: "explode" })).toEqual([422, expect.stringContaining("action")]);
  });

  it("answers 401 without a token, 403 without the scope, 403 to a moderator (admins manage rules), 404 for an unknown rule", async () => {
    const routes: [string, string][] = [["GET", "/api/v1/admin/rules"], ["GET", "/api/v1/admin/rules/1"], ["POST", "/api/v1/admin/rules"], ["PUT", "/api/v1/admin/rules/1"], ["DELETE", "/api/v1/admin/rules/1"]];
    for (const [method, path] of routes) {
      const ask = (token: string | null) => (method === "GET" ? t.call(path, token) : t.send(method, path, token));
      expect((await ask(null)).status, path).toBe(401);
      expect((await ask(alice.token)).status, path).toBe(403);
      const denied = await ask(mod.token);
      expect([denied.status, await denied.json()], path).toEqual([403, { error: "This action is not allowed" }]);
    }
    expect((await t.call("/api/v1/admin/rules/1", admin.token)).status).toBe(404);
    expect((await t.send("PUT", "/api/v1/admin/rules/1", admin.token, { dry_run: true })).status).toBe(404);
    expect((await t.send("DELETE", "/api/v1/admin/rules/1", admin.token)).status).toBe(404);
  });
});
