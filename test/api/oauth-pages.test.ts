// The browser pages of OAuth: accessible HTML (labelled inputs, one h1,
// a language), CSRF on the sign-in form, wrong passwords, session rotation
// and cookies, sign-out, and the headers that keep the pages out of frames.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "../helpers/app.ts";
import { expectLabelledInputs, location, openBrowser, readForm, serve } from "./oauth-browser.ts";

const PASSWORD = "correct horse battery staple";
const CALLBACK = "https://client.example/callback";
let app: Awaited<ReturnType<typeof startTestApp>>;
let server: Awaited<ReturnType<typeof serve>>;
let authorizePath: string;
let oobPath: string;

beforeAll(async () => {
  app = await startTestApp("https://parley.test", { registrations: "approval" });
  server = await serve(app);
  const alice = await app.services.createLocalAccount({ username: "alice", email: "alice@example.com", password: PASSWORD });
  if (!alice.ok) throw new Error(alice.message);
  const registered = await fetch(new URL("/api/v1/apps", server.base), {
    method: "POST",
    body: new URLSearchParams([["client_name", "Pages <test>"], ["redirect_uris[]", CALLBACK], ["redirect_uris[]", "urn:ietf:wg:oauth:2.0:oob"], ["scopes", "read write:statuses"], ["website", "https://client.example"]]),
  });
  const client = await registered.json() as { client_id: string };
  authorizePath = `/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: client.client_id, redirect_uri: CALLBACK, scope: "read write:statuses" })}`;
  oobPath = `/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: client.client_id, redirect_uri: "urn:ietf:wg:oauth:2.0:oob" })}`;
});
afterAll(async () => {
  await server?.close();
  await app?.dispose();
});

async function signInForm(browser: ReturnType<typeof openBrowser>) {
  const response = await browser.get(`/auth/sign_in?return_to=${encodeURIComponent(authorizePath)}`);
  return { response, fields: readForm(await response.text(), "/auth/sign_in") };
}

describe("OAuth pages", () => {
  it("have labelled inputs, a language, one heading, and refuse to be framed", async () => {
    const browser = openBrowser(server.base);
    const { response, fields } = await signInForm(browser);
    expect(response.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const signInPage = await (await browser.get("/auth/sign_in")).text();
    expect(expectLabelledInputs(signInPage)).toBe(2);
    // The inline stylesheet is the one the CSP allows by hash.
    const style = /<style>([\s\S]*)<\/style>/.exec(signInPage)![1]!;
    expect(response.headers.get("Content-Security-Policy")).toContain(`style-src 'sha256-${createHash("sha256").update(style).digest("base64")}'`);
    const signUp = await browser.get("/auth/sign_up");
    expect(signUp.status).toBe(200);
    const signUpPage = await signUp.text();
    expect(expectLabelledInputs(signUpPage)).toBe(6);
    expect(signUpPage).toContain("Why do you want to join?");

    const signedIn = await browser.post("/auth/sign_in", { ...fields, email: "alice@example.com", password: PASSWORD });
    expect(location(signedIn, server.base).pathname).toBe("/oauth/authorize");
    const consent = await browser.get(authorizePath);
    const consentPage = await consent.text();
    // The app's name is escaped, its scopes are listed in words.
    expect(consentPage).toContain("Pages &lt;test&gt;");
    expect(consentPage).not.toContain("Pages <test>");
    expect(consentPage).toContain("Read all your account&#39;s data");
    expect(consentPage).toContain("Change your statuses");
    // The form may lead to the client's origin (Chrome checks form-action on redirects).
    expect(consent.headers.get("Content-Security-Policy")).toContain("form-action 'self' https://client.example");
    expect(expectLabelledInputs(consentPage)).toBe(0);
    expect(consentPage).toMatch(/<button type="submit" name="decision" value="authorize"[^>]*>Authorize<\/button>/);

    const oob = await browser.get(oobPath);
    const shown = await browser.post("/oauth/authorize", { ...readForm(await oob.text(), "/oauth/authorize"), decision: "authorize" });
    expect(expectLabelledInputs(await shown.text())).toBe(1);
  });

  it("re-renders the sign-in form on a wrong password without signing in or echoing the password", async () => {
    const browser = openBrowser(server.base);
    const { fields } = await signInForm(browser);
    const refused = await browser.post("/auth/sign_in", { ...fields, email: "alice@example.com", password: "wrong password" });
    expect(refused.status).toBe(401);
    const page = await refused.text();
    expect(page).toContain("Invalid email address or password.");
    expect(page).toContain('value="alice@example.com"');
    expect(page).not.toContain("wrong password");
    expect(page).toContain('role="alert"');
    expect((await browser.get(authorizePath)).status).toBe(302);
  });

  it("refuses a sign-in form without, with a wrong, or with another browser's CSRF token", async () => {
    const victim = openBrowser(server.base);
    const attacker = openBrowser(server.base);
    const { fields } = await signInForm(victim);
    const { fields: attackerFields } = await signInForm(attacker);
    const { csrf_token: _token, ...withoutToken } = fields;
    for (const form of [withoutToken, { ...fields, csrf_token: "forged" }, { ...fields, csrf_token: attackerFields.csrf_token! }]) {
      const refused = await victim.post("/auth/sign_in", { ...form, email: "alice@example.com", password: PASSWORD });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain("This form expired");
    }
    expect((await victim.get(authorizePath)).status).toBe(302);
  });

  it("rotates the session id at sign-in, sends nobody elsewhere, and signs out", async () => {
    const browser = openBrowser(server.base);
    const { fields } = await signInForm(browser);
    const anonymous = browser.cookies.get("__Host-parley_session")?.value;
    const signedIn = await browser.post("/auth/sign_in", { ...fields, return_to: "https://evil.example/", email: "alice@example.com", password: PASSWORD });
    expect(location(signedIn, server.base).href).toBe(`${server.base}/`);
    const session = browser.cookies.get("__Host-parley_session")?.value;
    expect(session).toBeTruthy();
    expect(session).not.toBe(anonymous);
    expect((await browser.get(authorizePath)).status).toBe(200);

    const page = await (await browser.get("/auth/sign_in")).text();
    expect(page).toContain("You are signed in as <strong>@alice@parley.test</strong>");
    const signedOut = await browser.post("/auth/sign_out", readForm(page, "/auth/sign_out"));
    expect(signedOut.status).toBe(303);
    expect(browser.cookies.has("__Host-parley_session")).toBe(false);
    expect((await browser.get(authorizePath)).status).toBe(302);
  });

  it("does not mark the cookie Secure when the instance is served over plain http", async () => {
    const local = await startTestApp("http://localhost:3000");
    try {
      const response = await local.fetch(new Request("http://localhost:3000/auth/sign_in"));
      const cookie = response.headers.get("Set-Cookie") ?? "";
      expect(cookie).toMatch(/^parley_session=/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).not.toMatch(/Secure/);
    } finally {
      await local.dispose();
    }
  });
});
