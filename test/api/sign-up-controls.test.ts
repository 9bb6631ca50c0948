// Who may sign up: invite-only registrations (invites with a use count,
// expiry and revocation), email domain blocks, canonical email blocks and IP
// blocks, managed through Mastodon's admin API and the CLI, and audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.ts";
import { startTestApp } from "../helpers/app.ts";
import { databaseEnv, runParley } from "../helpers/child-process.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";

type TestApp = Awaited<ReturnType<typeof startTestApp>>;
const origin = "https://parley.test";
const apps: TestApp[] = [];
let invited: TestApp, open: TestApp;
let adminToken: string, appToken: string, openAdminToken: string, openAppToken: string;

async function staffToken(app: TestApp, username: string): Promise<string> {
  const created = await app.services.createLocalAccount({ username, email: `${username}@example.com`, password: "long enough password", role: "admin" });
  if (!created.ok) throw new Error(created.message);
  return issueToken(app, created.value.id, "read write admin:read admin:write");
}

async function start(mode: Config["registrations"]): Promise<TestApp> {
  // Trusting the proxy lets a test choose its client address with X-Forwarded-For.
  const app = await startTestApp(origin, { registrations: mode, trustProxy: true });
  apps.push(app);
  return app;
}

function call(app: TestApp, method: string, path: string, token: string | null, body?: unknown, ip = "198.51.100.1") {
  const headers = new Headers({ "X-Forwarded-For": ip });
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  return app.fetch(new Request(`${origin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}
const person = (name: string, extra: Record<string, unknown> = {}) => ({ username: name, email: `${name}@example.com`, password: "long enough password", agreement: true, ...extra });
const signUp = (app: TestApp, token: string, body: Record<string, unknown>, ip?: string) => call(app, "POST", "/api/v1/accounts", token, body, ip);

beforeAll(async () => {
  [invited, open] = [await start("invite"), await start("open")];
  [adminToken, openAdminToken] = [await staffToken(invited, "admin"), await staffToken(open, "openadmin")];
  [appToken, openAppToken] = [await issueToken(invited, null, "read write"), await issueToken(open, null, "read write")];
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.dispose()));
});

describe("invite-only registrations", () => {
  it("refuse sign-ups without an invite, and take one that is valid until it is used up", async () => {
    const refused = await signUp(invited, appToken, person("nobody"));
    expect([refused.status, await refused.json()]).toEqual([403, { error: "Sign-ups on this server need an invite" }]);

    const made = await call(invited, "POST", "/api/v1/admin/invites", adminToken, { max_uses: 1, expires_in: 3600, comment: "for dana" });
    expect(made.status).toBe(200);
    const invite = await made.json() as { id: string; code: string; url: string; uses: number; max_uses: number };
    expect(invite).toMatchObject({ uses: 0, max_uses: 1 });
    expect(invite.url).toBe(`${origin}/auth/sign_up?invite=${invite.code}`);

    const dana = await signUp(invited, appToken, person("dana", { invite_code: invite.code }));
    expect(dana.status).toBe(200);
    // An invited account needs no approval: its token works at once.
    const token = (await dana.json() as { access_token: string }).access_token;
    expect((await call(invited, "GET", "/api/v1/accounts/verify_credentials", token)).status).toBe(200);

    const again = await signUp(invited, appToken, person("eve", { invite_code: invite.code }));
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ details: { invite_code: [{ error: "ERR_INVALID" }] } });
    expect(await invited.database.db.selectFrom("accounts").select("id").where("username", "=", "eve").execute()).toEqual([]);
    const listed = await (await call(invited, "GET", "/api/v1/admin/invites", adminToken)).json() as { id: string; uses: number }[];
    expect(listed.find((i) => i.id === invite.id)?.uses).toBe(1);
  });

  it("refuse a revoked invite, and show the web form only with a usable invite, with the rules", async () => {
    await invited.services.addInstanceRule({ text: "Be kind to each other" });
    const made = await (await call(invited, "POST", "/api/v1/admin/invites", adminToken, {})).json() as { id: string; code: string };
    const page = await call(invited, "GET", `/auth/sign_up?invite=${made.code}`, null);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`name="invite_code" value="${made.code}"`);
    expect(html).toContain("Be kind to each other");
    expect((await call(invited, "GET", "/auth/sign_up", null)).status).toBe(403);

    expect((await call(invited, "DELETE", `/api/v1/admin/invites/${made.id}`, adminToken)).status).toBe(200);
    expect((await call(invited, "GET", `/auth/sign_up?invite=${made.code}`, null)).status).toBe(403);
    expect((await signUp(invited, appToken, person("frank", { invite_code: made.code }))).status).toBe(422);
    expect((await call(invited, "DELETE", `/api/v1/admin/invites/${made.id}`, adminToken)).status).toBe(422);
  });

  it("are made from the CLI too, and the instance says registrations are not open", async () => {
    const env = { ...databaseEnv(invited.database.config), PARLEY_PUBLIC_URL: origin, PARLEY_LOG_LEVEL: "error" };
    const made = await runParley(["invites", "create", "--max-uses", "2"], env);
    expect(made.code, made.stderr).toBe(0);
    const code = new URL(made.stdout.trim()).searchParams.get("invite")!;
    expect((await signUp(invited, appToken, person("gina", { invite_code: code }))).status).toBe(200);
    expect((await runParley(["invites", "create", "--max-uses", "zero"], env)).code).toBe(2);

    const instance = await (await call(invited, "GET", "/api/v2/instance", null)).json() as { registrations: { enabled: boolean } };
    expect(instance.registrations.enabled).toBe(false);
  }, 240_000);
});

describe("email blocks", () => {
  it("refuse sign-ups at a blocked domain or its subdomains", async () => {
    const added = await call(open, "POST", "/api/v1/admin/email_domain_blocks", openAdminToken, { domain: "Spam.Example" });
    expect(added.status).toBe(200);
    const block = await added.json() as { id: string; domain: string };
    expectEntity(block, "AdminEmailDomainBlock");
    expect(block.domain).toBe("spam.example");
    expect((await call(open, "POST", "/api/v1/admin/email_domain_blocks", openAdminToken, { domain: "spam.example" })).status).toBe(422);
    expect((await call(open, "POST", "/api/v1/admin/email_domain_blocks", openAdminToken, { domain: "not a domain" })).status).toBe(422);

    const refused = await signUp(open, openAppToken, person("spammer", { email: "x@mail.spam.example" }));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ details: { email: [{ error: "ERR_BLOCKED" }] } });
    expectEntities(await (await call(open, "GET", "/api/v1/admin/email_domain_blocks", openAdminToken)).json(), "AdminEmailDomainBlock");

    expect((await call(open, "DELETE", `/api/v1/admin/email_domain_blocks/${block.id}`, openAdminToken)).status).toBe(200);
    expect((await call(open, "GET", `/api/v1/admin/email_domain_blocks/${block.id}`, openAdminToken)).status).toBe(404);
    expect((await signUp(open, openAppToken, person("spammer", { email: "x@mail.spam.example" }))).status).toBe(200);
  });

  it("refuse one person's address however it is spelled, keeping only its hash", async () => {
    const added = await call(open, "POST", "/api/v1/admin/canonical_email_blocks", openAdminToken, { email: "Jo.Doe+first@Example.org" });
    const block = await added.json() as { id: string; canonical_email_hash: string };
    expectEntity(block, "AdminCanonicalEmailBlock");
    const tested = await (await call(open, "POST", "/api/v1/admin/canonical_email_blocks/test", openAdminToken, { email: "jodoe@example.org" })).json() as unknown[];
    expect(tested).toEqual([block]);
    const refused = await signUp(open, openAppToken, person("jodoe", { email: "j.o.doe+again@example.org" }));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ details: { email: [{ error: "ERR_BLOCKED", description: "is blocked" }] } });
  });
});

describe("IP blocks", () => {
  it("ask for approval, refuse sign-ups, or refuse every request, by range", async () => {
    const add = (ip: string, severity: string) => call(open, "POST", "/api/v1/admin/ip_blocks", openAdminToken, { ip, severity, comment: "test", expires_in: 86400 });
    const approval = await add("203.0.113.0/24", "sign_up_requires_approval");
    expect(approval.status).toBe(200);
    expectEntity(await approval.json(), "AdminIpBlock");
    expect((await add("192.0.2.0/24", "sign_up_block")).status).toBe(200);
    expect((await add("2001:db8::/32", "no_access")).status).toBe(200);
    expect((await add("10.0.0.0/33", "no_access")).status).toBe(422);
    expect((await add("10.0.0.0/8", "everything")).status).toBe(422);

    const pending = await signUp(open, openAppToken, person("pending"), "203.0.113.50");
    expect(pending.status).toBe(200);
    const pendingToken = (await pending.json() as { access_token: string }).access_token;
    expect((await call(open, "GET", "/api/v1/accounts/verify_credentials", pendingToken, undefined, "203.0.113.50")).status).toBe(401);

    expect((await signUp(open, openAppToken, person("blocked"), "192.0.2.9")).status).toBe(403);
    const noAccess = await call(open, "GET", "/api/v1/instance", null, undefined, "2001:db8::7");
    expect([noAccess.status, await noAccess.json()]).toEqual([403, { error: "Your address is blocked from this server" }]);
    expect((await call(open, "GET", "/api/v1/instance", null, undefined, "198.51.100.2")).status).toBe(200);

    const blocks = await (await call(open, "GET", "/api/v1/admin/ip_blocks", openAdminToken)).json() as { id: string; ip: string }[];
    expectEntities(blocks, "AdminIpBlock");
    const loose = blocks.find((b) => b.ip === "192.0.2.0/24")!;
    const changed = await call(open, "PUT", `/api/v1/admin/ip_blocks/${loose.id}`, openAdminToken, { severity: "sign_up_requires_approval" });
    expect(await changed.json()).toMatchObject({ severity: "sign_up_requires_approval" });
    expect((await signUp(open, openAppToken, person("later"), "192.0.2.9")).status).toBe(200);
  });
});

describe("the admin API of sign-up controls", () => {
  it("answers 401 without a token, 403 without the scope or the role, and audits every change", async () => {
    for (const path of ["/api/v1/admin/email_domain_blocks", "/api/v1/admin/canonical_email_blocks", "/api/v1/admin/ip_blocks", "/api/v1/admin/invites"]) {
      expect((await call(open, "GET", path, null)).status, path).toBe(401);
      expect((await call(open, "GET", path, await issueToken(open, null, "read"))).status, path).toBe(403);
      const user = await open.services.createLocalAccount({ username: `u${path.length}${path.at(-3)}`, email: `u${path.length}${path.at(-3)}@example.com`, password: "long enough password" });
      if (!user.ok) throw new Error(user.message);
      const userToken = await issueToken(open, user.value.id, "admin:read admin:write");
      expect(await (await call(open, "GET", path, userToken)).json(), path).toEqual({ error: "This action is not allowed" });
    }
    const actions = (await open.database.db.selectFrom("audit_log").select("action").execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["email_domain_block.create", "email_domain_block.remove", "canonical_email_block.create", "ip_block.create", "ip_block.update"]));
    const invitedActions = (await invited.database.db.selectFrom("audit_log").select(["action", "actor_name"]).execute());
    expect(invitedActions).toEqual(expect.arrayContaining([{ action: "invite.create", actor_name: "admin" }, { action: "invite.revoke", actor_name: "admin" }, { action: "invite.create", actor_name: "cli" }]));
  });
});
