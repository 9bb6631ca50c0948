// Sign-up through POST /api/v1/accounts and the sign-up page, in each of the
// operator's registration modes: open (a working token), approval (pending:
// no sign-in, no working token until approved), closed (403).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.ts";
import { startTestApp } from "../helpers/app.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { location, openBrowser, readForm, serve } from "./oauth-browser.ts";

type TestApp = Awaited<ReturnType<typeof startTestApp>>;
interface Instance { app: TestApp; client: { client_id: string; client_secret: string }; appToken: string }

const origin = "https://parley.test";
const PASSWORD = "correct horse battery staple";
const instances: Partial<Record<Config["registrations"], Instance>> = {};

function call(instance: Instance, path: string, init: RequestInit & { token?: string | null } = {}) {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? instance.appToken : init.token;
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return instance.app.fetch(new Request(`${origin}${path}`, { ...init, headers }));
}
const signUp = (instance: Instance, body: Record<string, unknown>, token?: string | null) =>
  call(instance, "/api/v1/accounts", { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" }, token });
const person = (name: string) => ({ username: name, email: `${name}@example.com`, password: PASSWORD, agreement: true, locale: "en" });

async function tokenRequest(instance: Instance, fields: Record<string, string>): Promise<Response> {
  return call(instance, "/oauth/token", { method: "POST", body: new URLSearchParams({ ...fields, client_id: instance.client.client_id, client_secret: instance.client.client_secret }), token: null });
}

async function start(mode: Config["registrations"]): Promise<Instance> {
  const app = await startTestApp(origin, { registrations: mode });
  const registered = await app.fetch(new Request(`${origin}/api/v1/apps`, {
    method: "POST",
    body: new URLSearchParams({ client_name: "Sign-up client", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" }),
  }));
  const client = await registered.json() as Instance["client"];
  const instance: Instance = { app, client, appToken: "" };
  const token = await tokenRequest(instance, { grant_type: "client_credentials", scope: "write:accounts" });
  instance.appToken = (await token.json() as { access_token: string }).access_token;
  return instance;
}

beforeAll(async () => {
  for (const mode of ["open", "approval", "closed"] as const) instances[mode] = await start(mode);
});
afterAll(async () => {
  for (const instance of Object.values(instances)) await instance.app.dispose();
});

describe("POST /api/v1/accounts", () => {
  it("answers 401 without a token and 403 without write:accounts", async () => {
    const open = instances.open!;
    expect((await signUp(open, person("nobody"), null)).status).toBe(401);
    const readOnly = await tokenRequest(open, { grant_type: "client_credentials", scope: "read" });
    const response = await signUp(open, person("nobody"), (await readOnly.json() as { access_token: string }).access_token);
    expect(response.status).toBe(403);
    expectEntity(await response.json(), "Error");
  });

  it("creates the account and answers with a working token of the app when registrations are open", async () => {
    const open = instances.open!;
    const response = await signUp(open, { ...person("carol"), reason: "hello" });
    expect(response.status).toBe(200);
    const token = await response.json() as { access_token: string; scope: string };
    expectEntity(token, "Token");
    expect(token.scope).toBe("read write");
    const me = await call(open, "/api/v1/accounts/verify_credentials", { token: token.access_token });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe("carol");
    const registration = await open.app.database.db.selectFrom("account_registrations").selectAll().executeTakeFirstOrThrow();
    expect(registration).toMatchObject({ locale: "en", reason: "hello" });
    expect(registration.approved_at).not.toBeNull();
    expect((await tokenRequest(open, { grant_type: "password", username: "carol@example.com", password: PASSWORD })).status).toBe(200);
  });

  it("answers 422 with Mastodon's details per field", async () => {
    const open = instances.open!;
    const blank = await signUp(open, {});
    expect(blank.status).toBe(422);
    const body = await blank.json() as { error: string; details: Record<string, { error: string }[]> };
    expectEntity(body, "ValidationError");
    expect(body.error).toBe("Validation failed: Username can't be blank, Email can't be blank, Password can't be blank, Agreement must be accepted");
    expect(body.details.username?.[0]?.error).toBe("ERR_BLANK");
    expect(body.details.agreement?.[0]?.error).toBe("ERR_ACCEPTED");

    await signUp(open, person("dave"));
    for (const [input, field, code] of [
      [{ ...person("dave"), email: "other@example.com" }, "username", "ERR_TAKEN"],
      [{ ...person("Dave2"), email: "DAVE@example.com" }, "email", "ERR_TAKEN"],
      [person("admin"), "username", "ERR_RESERVED"],
      [person("not valid!"), "username", "ERR_INVALID"],
      [{ ...person("erin"), password: "short" }, "password", "ERR_INVALID"],
      [{ ...person("erin"), agreement: "false" }, "agreement", "ERR_ACCEPTED"],
    ] as const) {
      const response = await signUp(open, input);
      expect(response.status, `${field} ${code}`).toBe(422);
      const failed = await response.json() as { details: Record<string, { error: string }[]> };
      expect(failed.details[field]?.[0]?.error, `${field} ${code}`).toBe(code);
    }
  });

  it("leaves the account pending in approval mode: its token and its password do not work until approved", async () => {
    const approval = instances.approval!;
    const response = await signUp(approval, { ...person("frank"), reason: "I like parleys" });
    expect(response.status).toBe(200);
    const token = await response.json() as { access_token: string };
    expectEntity(token, "Token");
    expect((await call(approval, "/api/v1/accounts/verify_credentials", { token: token.access_token })).status).toBe(401);
    const refused = await tokenRequest(approval, { grant_type: "password", username: "frank@example.com", password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: "invalid_grant", error_description: "Your login is currently pending approval" });

    const row = await approval.app.database.db.selectFrom("account_registrations").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ approved_at: null, reason: "I like parleys" });
    // What the moderation queue will do: approve.
    await approval.app.database.db.updateTable("account_registrations").set({ approved_at: Date.now() }).where("account_id", "=", row.account_id).execute();
    expect((await call(approval, "/api/v1/accounts/verify_credentials", { token: token.access_token })).status).toBe(200);
    expect((await tokenRequest(approval, { grant_type: "password", username: "frank@example.com", password: PASSWORD })).status).toBe(200);
  });

  it("answers 403 when registrations are closed", async () => {
    const closed = instances.closed!;
    const response = await signUp(closed, person("gina"));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "This action is not allowed" });
    expect(await closed.app.database.db.selectFrom("accounts").select("id").execute()).toHaveLength(0);
  });
});

describe("the sign-up page", () => {
  it("signs a new person up and in when registrations are open, then back into the authorization", async () => {
    const open = instances.open!;
    const server = await serve(open.app);
    try {
      const browser = openBrowser(server.base);
      const returnTo = `/oauth/authorize?response_type=code&client_id=${open.client.client_id}&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob`;
      const signInPage = await (await browser.get(`/auth/sign_in?return_to=${encodeURIComponent(returnTo)}`)).text();
      expect(signInPage).toContain(`href="/auth/sign_up?return_to=${encodeURIComponent(returnTo).replaceAll("&", "&amp;")}"`);
      const page = await browser.get(`/auth/sign_up?return_to=${encodeURIComponent(returnTo)}`);
      const fields = readForm(await page.text(), "/auth/sign_up");
      const filled = { ...fields, username: "hana", email: "hana@example.com", password: PASSWORD, password_confirmation: PASSWORD, agreement: "1" };

      const mismatch = await browser.post("/auth/sign_up", { ...filled, password_confirmation: "something else" });
      expect(mismatch.status).toBe(422);
      expect(await mismatch.text()).toContain("Confirm password doesn&#39;t match Password");
      const { csrf_token: _token, ...forged }: Record<string, string> = filled;
      expect((await browser.post("/auth/sign_up", forged)).status).toBe(403);
      const taken = await browser.post("/auth/sign_up", { ...filled, username: "carol" });
      expect(taken.status).toBe(422);
      expect(await taken.text()).toContain("Username is taken");

      const done = await browser.post("/auth/sign_up", filled);
      expect(done.status).toBe(303);
      const back = location(done, server.base);
      expect(back.pathname + back.search).toBe(returnTo);
      const consent = await browser.get(returnTo);
      expect(consent.status).toBe(200);
      expect(await consent.text()).toContain("@hana@parley.test");
    } finally {
      await server.close();
    }
  });

  it("tells a person signing up by approval to wait, and refuses their sign-in with a clear message", async () => {
    const approval = instances.approval!;
    const server = await serve(approval.app);
    try {
      const browser = openBrowser(server.base);
      const fields = readForm(await (await browser.get("/auth/sign_up")).text(), "/auth/sign_up");
      const done = await browser.post("/auth/sign_up", { ...fields, username: "ivan", email: "ivan@example.com", password: PASSWORD, password_confirmation: PASSWORD, agreement: "1", reason: "Friends are here" });
      expect(done.status).toBe(200);
      expect(await done.text()).toContain("waiting for a moderator");
      const signIn = readForm(await (await browser.get("/auth/sign_in")).text(), "/auth/sign_in");
      const refused = await browser.post("/auth/sign_in", { ...signIn, email: "ivan@example.com", password: PASSWORD });
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain("Your login is currently pending approval");
    } finally {
      await server.close();
    }
  });

  it("is closed, and not linked from sign-in, when registrations are closed", async () => {
    const closed = instances.closed!;
    const page = await call(closed, "/auth/sign_up", { token: null });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("Registrations are closed");
    expect(await (await call(closed, "/auth/sign_in", { token: null })).text()).not.toContain("/auth/sign_up");
  });
});
