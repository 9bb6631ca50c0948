// Blocklist subscriptions through the admin API: a list served from a
// loopback HTTP server is fetched, its changes wait for review (added,
// changed, removed), are applied by a moderator, and a removal from the list
// lifts the block it made; blocks made here and domain allows are never
// touched; an auto-apply subscription applies at once. Fetches outside tests
// refuse private addresses.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { fetchBlocklist, MAX_BLOCKLIST_BYTES } from "../../src/services/moderation/fetch-blocklist.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let admin: TestUser, carol: TestUser;
let server: Server;
let base = "";
const lists: Record<string, string> = {};

type Sub = { id: string; url: string; auto_apply: boolean; last_error: string | null; pending: { added: { domain: string }[]; changed: { domain: string; severity: string }[]; removed: string[] }; applied?: number };

const blocks = async () =>
  (await t.app.database.db.selectFrom("domain_blocks").select(["domain", "severity", "subscription_id"]).orderBy("domain").execute()).map((b) => `${b.domain}:${b.severity}:${b.subscription_id ? "list" : "local"}`);

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = lists[req.url ?? ""];
    if (req.url === "/moved") return res.writeHead(302, { location: "/plain.txt" }).end();
    if (req.url === "/huge") return res.writeHead(200).end("a".repeat(MAX_BLOCKLIST_BYTES + 10));
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/csv" }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await startApiTest({ allowPrivateAddress: true });
  [admin, carol] = [await t.user("ada", "read write admin:read admin:write"), await t.user("carol", "read write")];
  expect((await t.app.services.changeRole(CLI_MODERATOR, "ada", "admin")).ok).toBe(true);
});
afterAll(async () => {
  await t?.app.dispose();
  await new Promise((done) => server?.close(done));
});

describe("blocklist subscriptions", () => {
  it("fetch a CSV list, show what would change, apply after review, and lift what the list drops", async () => {
    lists["/list.csv"] = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\nbad.example,suspend,false,false,nazis,false\nmeh.example,silence,false,false,,false\nmine.example,silence,false,false,,false\nfriend.example,suspend,false,false,,false\n";
    expect((await t.app.services.createDomainBlock(CLI_MODERATOR, { domain: "mine.example", severity: "suspend" })).ok).toBe(true);
    expect((await t.app.services.createDomainAllow(CLI_MODERATOR, { domain: "friend.example" })).ok).toBe(true);

    const created = await t.json<Sub>(t.send("POST", "/api/v1/admin/blocklist_subscriptions", admin.token, { url: `${base}/list.csv` }));
    expect(created).toMatchObject({ url: `${base}/list.csv`, auto_apply: false, pending: { added: [], changed: [], removed: [] } });

    const reviewed = await t.json<Sub & { skipped: string[] }>(t.send("POST", `/api/v1/admin/blocklist_subscriptions/${created.id}/refresh`, admin.token));
    expect(reviewed.pending.added.map((e) => e.domain)).toEqual(["bad.example", "meh.example"]);
    expect(reviewed.skipped.sort()).toEqual(["friend.example", "mine.example"]);
    expect(await blocks()).toEqual(["mine.example:suspend:local"]);
    const shown = await t.json<Sub>(t.call(`/api/v1/admin/blocklist_subscriptions/${created.id}`, admin.token));
    expect(shown.pending.added).toHaveLength(2);

    const applied = await t.json<Sub>(t.send("POST", `/api/v1/admin/blocklist_subscriptions/${created.id}/apply`, admin.token));
    expect(applied).toMatchObject({ applied: 2, pending: { added: [], removed: [] } });
    expect(await blocks()).toEqual(["bad.example:suspend:list", "meh.example:silence:list", "mine.example:suspend:local"]);

    // The list changes: meh.example gets stricter, bad.example is dropped, mine.example too (still a local block).
    lists["/list.csv"] = "#domain,#severity\nmeh.example,suspend\n";
    const next = await t.json<Sub>(t.send("POST", `/api/v1/admin/blocklist_subscriptions/${created.id}/refresh`, admin.token));
    expect(next.pending).toMatchObject({ added: [], changed: [{ domain: "meh.example", severity: "suspend" }], removed: ["bad.example"] });
    await t.send("POST", `/api/v1/admin/blocklist_subscriptions/${created.id}/apply`, admin.token);
    expect(await blocks()).toEqual(["meh.example:suspend:list", "mine.example:suspend:local"]);

    const actions = await t.app.database.db.selectFrom("audit_log").select(["action", "actor_name"]).where("action", "like", "%blocklist%").execute();
    expect(actions.map((a) => a.action)).toEqual(["blocklist_subscription.create", "blocklist_subscription.apply", "blocklist_subscription.apply"]);
  });

  it("apply at once when set to auto-apply (as Parley itself), read plain lists and follow redirects", async () => {
    lists["/plain.txt"] = "# a plain list\nauto.example\n\n*.wild.example\n";
    const sub = await t.json<Sub>(t.send("POST", "/api/v1/admin/blocklist_subscriptions", admin.token, { url: `${base}/moved`, auto_apply: true }));
    const refreshed = await t.json<Sub>(t.send("POST", `/api/v1/admin/blocklist_subscriptions/${sub.id}/refresh`, admin.token));
    expect(refreshed).toMatchObject({ applied: 2, last_error: null });
    expect(await blocks()).toContain("auto.example:suspend:list");
    expect(await blocks()).toContain("wild.example:suspend:list");
    const byParley = await t.app.database.db.selectFrom("audit_log").select("actor_name").where("action", "=", "domain_block.create").where("target_type", "=", "domain_block").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(byParley.actor_name).toBe("system");
  });

  it("are fetched again by the scheduled work once their last fetch is six hours old", async () => {
    const options = { allowPrivateAddress: true };
    expect(await t.app.services.refreshDueBlocklistSubscriptions(options)).toBe(0);
    expect(await t.app.services.refreshDueBlocklistSubscriptions(options, Date.now() + 6 * 3600_000 + 1000)).toBe(2);
  });

  it("record a failed fetch and change nothing; refuse lists that are too large", async () => {
    const missing = await t.json<Sub>(t.send("POST", "/api/v1/admin/blocklist_subscriptions", admin.token, { url: `${base}/gone.csv` }));
    const failed = await t.json<Sub>(t.send("POST", `/api/v1/admin/blocklist_subscriptions/${missing.id}/refresh`, admin.token));
    expect(failed.last_error).toBe("the server answered 404");
    await expect(fetchBlocklist(`${base}/huge`, { allowPrivateAddress: true })).rejects.toThrow(/too large/);
    expect(await t.json(t.send("DELETE", `/api/v1/admin/blocklist_subscriptions/${missing.id}`, admin.token))).toEqual({});
    expect((await t.call(`/api/v1/admin/blocklist_subscriptions/${missing.id}`, admin.token)).status).toBe(404);
    expect((await t.send("POST", "/api/v1/admin/blocklist_subscriptions", admin.token, { url: "ftp://x.example/l" })).status).toBe(422);
  });

  it("refuse private and loopback addresses outside tests, and plain http", async () => {
    await expect(fetchBlocklist("https://127.0.0.1:9/list.csv", { allowPrivateAddress: false })).rejects.toThrow();
    await expect(fetchBlocklist("https://169.254.169.254/latest", { allowPrivateAddress: false })).rejects.toThrow();
    await expect(fetchBlocklist(`${base}/list.csv`, { allowPrivateAddress: false })).rejects.toThrow(/not an https URL/);
  });

  it("answer 401, 403 (scope) and 403 (role)", async () => {
    expect((await t.call("/api/v1/admin/blocklist_subscriptions", null)).status).toBe(401);
    expect((await t.send("POST", "/api/v1/admin/blocklist_subscriptions", carol.token, { url: `${base}/x` })).status).toBe(403);
    const user = await t.user("dan", "admin:read admin:write");
    const refused = await t.send("POST", "/api/v1/admin/blocklist_subscriptions/1/apply", user.token);
    expect([refused.status, await refused.json()]).toEqual([403, { error: "This action is not allowed" }]);
  });
});
