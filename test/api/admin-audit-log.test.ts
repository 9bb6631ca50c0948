// Roles and the audit log: the operator names staff from the CLI, every such
// change is logged, staff with the permission read the log through the admin
// API, and nothing (not even SQL) can edit or delete an entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEnv, runParley } from "../helpers/child-process.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let owner: TestUser, mod: TestUser, carol: TestUser;
type Entry = { id: string; action: string; actor: string; account_id: string | null; target_type: string; target_id: string; data: Record<string, unknown> };

// Each CLI command is a new Node process: seconds each on a loaded 2-core machine.
const CLI_TIMEOUT = 240_000;
const cli = (...args: string[]) => runParley(args, { ...databaseEnv(t.app.database.config), PARLEY_PUBLIC_URL: "https://parley.test", PARLEY_LOG_LEVEL: "error" });

beforeAll(async () => {
  t = await startApiTest();
  [owner, mod, carol] = [await t.user("olive", "read write admin:read admin:write"), await t.user("mod", "read admin:read"), await t.user("carol", "read write")];
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("roles", () => {
  it("are set from the CLI, show in verify_credentials, and refuse bad arguments", async () => {
    const set = await cli("accounts", "role", "olive", "owner");
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain("user -> owner");
    expect((await cli("accounts", "role", "mod", "moderator")).code).toBe(0);

    const me = await t.json<{ role: { name: string; permissions: string; highlighted: boolean } }>(t.call("/api/v1/accounts/verify_credentials", mod.token));
    expectEntity(me, "CredentialAccount");
    expect(me.role).toMatchObject({ name: "Moderator", highlighted: true });
    // Mastodon's bits: manage_reports (16) and manage_users (1024) but not manage_federation (32).
    const bits = Number(me.role.permissions);
    expect([bits & 16, bits & 1024, bits & 32]).toEqual([16, 1024, 0]);

    const bad = await cli("accounts", "role", "mod", "emperor");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("owner, admin, moderator, user");
    const missing = await cli("accounts", "role", "nobody", "admin");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No local account named nobody");
  }, CLI_TIMEOUT);

  it("limit who may give a role: a moderator may not make admins", async () => {
    const moderator = { accountId: mod.id, name: "mod", role: "moderator" as const };
    const refused = await t.app.services.changeRole(moderator, "carol", "admin");
    expect(refused).toMatchObject({ ok: false, kind: "forbidden" });
  });
});

describe("the audit log", () => {
  it("lists role changes newest first to staff, through the API and the CLI", async () => {
    const page = await t.call("/api/v1/admin/audit_log", mod.token);
    expect(page.status).toBe(200);
    const entries = (await page.json()) as Entry[];
    expect(entries.map((e) => [e.action, e.actor, e.target_id, e.data.to])).toEqual([
      ["role.change", "cli", mod.id, "moderator"],
      ["role.change", "cli", owner.id, "owner"],
    ]);
    const one = await t.json<Entry[]>(t.call(`/api/v1/admin/audit_log?limit=1&target_id=${owner.id}`, owner.token));
    expect(one.map((e) => e.target_id)).toEqual([owner.id]);

    const printed = await cli("audit-log", "--limit", "5");
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout.trim().split("\n")).toHaveLength(2);
    expect(printed.stdout).toContain("role.change");
  }, CLI_TIMEOUT);

  it("answers 401 without a token, 403 without the scope, 403 to a user without the role", async () => {
    expect((await t.call("/api/v1/admin/audit_log", null)).status).toBe(401);
    const noScope = await t.user("scopeless", "read write");
    expect((await cli("accounts", "role", "scopeless", "admin")).code).toBe(0);
    const noScopeAnswer = await t.call("/api/v1/admin/audit_log", noScope.token);
    expect([noScopeAnswer.status, await noScopeAnswer.json()]).toEqual([403, { error: "This action is outside the authorized scopes" }]);
    const carolAdmin = await t.call("/api/v1/admin/audit_log", (await t.user("carol2", "read admin:read")).token);
    expect([carolAdmin.status, await carolAdmin.json()]).toEqual([403, { error: "This action is not allowed" }]);
  }, CLI_TIMEOUT);

  it("cannot be edited or deleted, even with SQL", async () => {
    const db = t.app.database.db;
    const before = await db.selectFrom("audit_log").selectAll().orderBy("id").execute();
    expect(before.length).toBeGreaterThanOrEqual(3);
    await expect(db.updateTable("audit_log").set({ reason: "tampered" }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
    expect(await db.selectFrom("audit_log").selectAll().orderBy("id").execute()).toEqual(before);
  });
});
