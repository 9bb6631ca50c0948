// The authorization code flow end to end over real HTTP: an app registers,
// a browser signs in and consents (cookies, CSRF tokens from the forms), the
// app exchanges the code with PKCE (S256 and plain) and uses the token; and
// the hostile cases around it.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "../helpers/app.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { type Browser, location, openBrowser, readForm, serve, valueOf } from "./oauth-browser.ts";

const OOB = "urn:ietf:wg:oauth:2.0:oob";
const CALLBACK = "https://client.example/callback";
const PASSWORD = "correct horse battery staple";

let app: Awaited<ReturnType<typeof startTestApp>>;
let server: Awaited<ReturnType<typeof serve>>;
let client: { client_id: string; client_secret: string };

const post = (path: string, body: unknown) =>
  fetch(new URL(path, server.base), { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });

function pkce(method: "S256" | "plain") {
  const verifier = randomBytes(48).toString("base64url");
  const challenge = method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return { verifier, challenge };
}

function authorizeUrl(params: Record<string, string>): string {
  return `/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: client.client_id, redirect_uri: CALLBACK, ...params })}`;
}

/** Signs the browser in through the page the authorization request redirected to; returns where it leads. */
async function signIn(browser: Browser, signInUrl: URL, email = "alice@example.com", password = PASSWORD): Promise<Response> {
  const page = await browser.get(signInUrl.pathname + signInUrl.search);
  expect(page.status).toBe(200);
  const fields = readForm(await page.text(), "/auth/sign_in");
  return browser.post("/auth/sign_in", { ...fields, email, password });
}

/** Runs the browser part up to the consent form; returns the form's fields. */
async function consentFields(browser: Browser, url: string): Promise<Record<string, string>> {
  let response = await browser.get(url);
  if (response.status === 302) {
    const signedIn = await signIn(browser, location(response, server.base));
    expect(signedIn.status).toBe(303);
    const back = location(signedIn, server.base);
    response = await browser.get(back.pathname + back.search);
  }
  expect(response.status).toBe(200);
  const page = await response.text();
  expect(page).toContain("Authorize");
  return readForm(page, "/oauth/authorize");
}

/** The code in the redirect of an approved consent form. */
async function approve(browser: Browser, fields: Record<string, string>): Promise<URL> {
  const decided = await browser.post("/oauth/authorize", { ...fields, decision: "authorize" });
  expect(decided.status).toBe(303);
  return location(decided, server.base);
}

beforeAll(async () => {
  app = await startTestApp("https://parley.test");
  server = await serve(app);
  const alice = await app.services.createLocalAccount({ username: "alice", email: "alice@example.com", password: PASSWORD });
  if (!alice.ok) throw new Error(alice.message);
  const registered = await post("/api/v1/apps", { client_name: "Flow test", redirect_uris: [CALLBACK, OOB], scopes: "read write profile" });
  client = await registered.json() as typeof client;
});
afterAll(async () => {
  await server?.close();
  await app?.dispose();
});

describe("authorization code flow over HTTP", () => {
  it("signs in, consents, and exchanges the code with PKCE S256 for a working token", async () => {
    const browser = openBrowser(server.base);
    const { verifier, challenge } = pkce("S256");
    const fields = await consentFields(browser, authorizeUrl({ scope: "read write", state: "xyz 1", code_challenge: challenge, code_challenge_method: "S256" }));
    // The session cookie: HttpOnly, SameSite=Lax, Secure with the __Host- prefix (the public URL is https).
    const cookie = browser.cookies.get("__Host-parley_session");
    expect(cookie?.attributes).toMatch(/HttpOnly/i);
    expect(cookie?.attributes).toMatch(/SameSite=Lax/i);
    expect(cookie?.attributes).toMatch(/Secure/i);
    // Stored hashed: the cookie value is nowhere in the table.
    const sessions = await app.database.db.selectFrom("web_sessions").select("id_hash").execute();
    expect(sessions.map((s) => s.id_hash)).not.toContain(cookie?.value);

    const redirect = await approve(browser, fields);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(CALLBACK);
    expect(redirect.searchParams.get("state")).toBe("xyz 1");
    const code = redirect.searchParams.get("code")!;
    expect(code.length).toBeGreaterThanOrEqual(43);

    // A public client: no secret, PKCE vouches for it.
    const exchanged = await post("/oauth/token", { grant_type: "authorization_code", code, redirect_uri: CALLBACK, client_id: client.client_id, code_verifier: verifier });
    expect(exchanged.status).toBe(200);
    expect(exchanged.headers.get("Cache-Control")).toBe("no-store");
    const token = await exchanged.json() as { access_token: string; scope: string };
    expectEntity(token, "Token");
    expect(token.scope).toBe("read write");

    const me = await fetch(new URL("/api/v1/accounts/verify_credentials", server.base), { headers: { Authorization: `Bearer ${token.access_token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe("alice");
    // Tokens and codes are stored hashed too.
    const stored = await app.database.db.selectFrom("oauth_access_tokens").select("token_hash").execute();
    expect(stored.map((t) => t.token_hash)).not.toContain(token.access_token);
  });

  it("accepts PKCE plain from a confidential client with its secret", async () => {
    const browser = openBrowser(server.base);
    const { verifier, challenge } = pkce("plain");
    const fields = await consentFields(browser, authorizeUrl({ code_challenge: challenge, code_challenge_method: "plain" }));
    const code = (await approve(browser, fields)).searchParams.get("code")!;
    const wrong = await post("/oauth/token", { grant_type: "authorization_code", code, redirect_uri: CALLBACK, client_id: client.client_id, client_secret: client.client_secret, code_verifier: pkce("plain").verifier });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe("invalid_grant");
    const form = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: verifier });
    const basic = Buffer.from(`${client.client_id}:${client.client_secret}`).toString("base64");
    const exchanged = await fetch(new URL("/oauth/token", server.base), { method: "POST", body: form, headers: { Authorization: `Basic ${basic}` } });
    expect(exchanged.status).toBe(200);
    expect(((await exchanged.json()) as { scope: string }).scope).toBe("read");
  });

  it("shows the code for out-of-band apps and exchanges it without PKCE when the secret is given", async () => {
    const browser = openBrowser(server.base);
    const fields = await consentFields(browser, authorizeUrl({ redirect_uri: OOB, scope: "profile" }));
    const shown = await browser.post("/oauth/authorize", { ...fields, decision: "authorize" });
    expect(shown.status).toBe(200);
    const code = valueOf(await shown.text(), "code");
    const params = { grant_type: "authorization_code", code, redirect_uri: OOB, client_id: client.client_id };
    // Without a challenge, a secret is required.
    expect((await post("/oauth/token", params)).status).toBe(401);
    const exchanged = await post("/oauth/token", { ...params, client_secret: client.client_secret });
    expect(exchanged.status).toBe(200);
    const token = (await exchanged.json()) as { access_token: string };
    const info = await fetch(new URL("/oauth/userinfo", server.base), { headers: { Authorization: `Bearer ${token.access_token}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ iss: "https://parley.test/", sub: "https://parley.test/users/alice", preferred_username: "alice", profile: "https://parley.test/@alice" });
  });

  it("redirects access_denied with the state when the person denies", async () => {
    const browser = openBrowser(server.base);
    const fields = await consentFields(browser, authorizeUrl({ state: "s2" }));
    const denied = await browser.post("/oauth/authorize", { ...fields, decision: "deny" });
    const target = location(denied, server.base);
    expect(target.searchParams.get("error")).toBe("access_denied");
    expect(target.searchParams.get("state")).toBe("s2");
    expect(target.searchParams.get("code")).toBeNull();
  });

  it("signs in again when force_login is set, even with a session", async () => {
    const browser = openBrowser(server.base);
    await consentFields(browser, authorizeUrl({}));
    const forced = await browser.get(authorizeUrl({ force_login: "true" }));
    const signInUrl = location(forced, server.base);
    expect(signInUrl.pathname).toBe("/auth/sign_in");
    expect(signInUrl.searchParams.get("return_to")).not.toContain("force_login");
  });
});

describe("hostile authorization requests", () => {
  it("never redirects to an unregistered redirect_uri or for an unknown client", async () => {
    const browser = openBrowser(server.base);
    for (const url of [authorizeUrl({ redirect_uri: "https://evil.example/callback" }), authorizeUrl({ redirect_uri: `${CALLBACK}/more` }), authorizeUrl({ client_id: "nope" })]) {
      const response = await browser.get(url);
      expect(response.status).toBe(400);
      expect(response.headers.get("Location")).toBeNull();
      expect(await response.text()).toContain("Authorization failed");
    }
    // The same on the consent form, tampered after signing in.
    const fields = await consentFields(browser, authorizeUrl({}));
    const tampered = await browser.post("/oauth/authorize", { ...fields, redirect_uri: "https://evil.example/callback", decision: "authorize" });
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get("Location")).toBeNull();
  });

  it("allows the out-of-band URI only when it is registered", async () => {
    const registered = await post("/api/v1/apps", { client_name: "Web only", redirect_uris: CALLBACK });
    const webOnly = (await registered.json()) as { client_id: string };
    const response = await openBrowser(server.base).get(`/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: webOnly.client_id, redirect_uri: OOB })}`);
    expect(response.status).toBe(400);
  });

  it("refuses scopes beyond the registered ones (invalid_scope back to the client)", async () => {
    const browser = openBrowser(server.base);
    for (const scope of ["read follow", "admin:read", "read:statuses push", "nonsense"]) {
      const response = await browser.get(authorizeUrl({ scope, state: "s" }));
      const target = location(response, server.base);
      expect(`${target.origin}${target.pathname}`).toBe(CALLBACK);
      expect(target.searchParams.get("error")).toBe("invalid_scope");
      expect(target.searchParams.get("state")).toBe("s");
    }
    // Tampering with the consent form is refused the same way.
    const fields = await consentFields(browser, authorizeUrl({}));
    const escalated = await browser.post("/oauth/authorize", { ...fields, scope: "read write follow", decision: "authorize" });
    expect(location(escalated, server.base).searchParams.get("error")).toBe("invalid_scope");
  });

  it("refuses an unknown PKCE method and a malformed challenge", async () => {
    const browser = openBrowser(server.base);
    const bad = await browser.get(authorizeUrl({ code_challenge: pkce("S256").challenge, code_challenge_method: "S512" }));
    expect(location(bad, server.base).searchParams.get("error")).toBe("invalid_request");
    const short = await browser.get(authorizeUrl({ code_challenge: "short", code_challenge_method: "S256" }));
    expect(location(short, server.base).searchParams.get("error")).toBe("invalid_request");
  });

  it("rejects a reused code and revokes the token it gave", async () => {
    const browser = openBrowser(server.base);
    const { verifier, challenge } = pkce("S256");
    const code = (await approve(browser, await consentFields(browser, authorizeUrl({ code_challenge: challenge, code_challenge_method: "S256" })))).searchParams.get("code")!;
    const params = { grant_type: "authorization_code", code, redirect_uri: CALLBACK, client_id: client.client_id, code_verifier: verifier };
    const first = (await (await post("/oauth/token", params)).json()) as { access_token: string };
    const verify = () => fetch(new URL("/api/v1/accounts/verify_credentials", server.base), { headers: { Authorization: `Bearer ${first.access_token}` } });
    expect((await verify()).status).toBe(200);
    const second = await post("/oauth/token", params);
    expect(second.status).toBe(400);
    const body = (await second.json()) as { error: string; error_description: string };
    expectEntity(body, "Error");
    expect(body.error).toBe("invalid_grant");
    expect((await verify()).status).toBe(401);
  });

  it("rejects a PKCE verifier mismatch, a missing verifier, a wrong redirect_uri and another client's code", async () => {
    const browser = openBrowser(server.base);
    const { verifier, challenge } = pkce("S256");
    const code = (await approve(browser, await consentFields(browser, authorizeUrl({ code_challenge: challenge, code_challenge_method: "S256" })))).searchParams.get("code")!;
    const base = { grant_type: "authorization_code", code, redirect_uri: CALLBACK, client_id: client.client_id, client_secret: client.client_secret };
    const other = (await (await post("/api/v1/apps", { client_name: "Other", redirect_uris: CALLBACK })).json()) as typeof client;
    for (const attempt of [
      { ...base, code_verifier: pkce("S256").verifier },
      { ...base, code_verifier: challenge },
      base,
      { ...base, code_verifier: verifier, redirect_uri: `${CALLBACK}/x` },
      { ...base, code_verifier: verifier, client_id: other.client_id, client_secret: other.client_secret },
    ]) {
      const response = await post("/oauth/token", attempt);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe("invalid_grant");
    }
    // None of those burned the code: the rightful exchange still works.
    expect((await post("/oauth/token", { ...base, code_verifier: verifier })).status).toBe(200);
  });

  it("refuses a consent form without or with a wrong CSRF token, and one from a browser that is not signed in", async () => {
    const browser = openBrowser(server.base);
    const fields = await consentFields(browser, authorizeUrl({}));
    const { csrf_token: _token, ...withoutToken } = fields;
    for (const form of [withoutToken, { ...fields, csrf_token: randomBytes(32).toString("base64url") }]) {
      const refused = await browser.post("/oauth/authorize", { ...form, decision: "authorize" });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("Location")).toBeNull();
    }
    // Another browser (the attacker's page) posting the victim's form has no session cookie.
    const stranger = openBrowser(server.base);
    expect((await stranger.post("/oauth/authorize", { ...fields, decision: "authorize" })).status).toBe(403);
    const codes = await app.database.db.selectFrom("oauth_authorization_codes").select("code_hash").where("used_at", "is", null).execute();
    const before = codes.length;
    expect((await browser.post("/oauth/authorize", { ...fields, decision: "authorize" })).status).toBe(303);
    expect(await app.database.db.selectFrom("oauth_authorization_codes").select("code_hash").where("used_at", "is", null).execute()).toHaveLength(before + 1);
  });
});
