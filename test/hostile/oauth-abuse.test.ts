// Hostile input, OAuth (issue 4): one table of abuse cases against the
// authorization code flow, the token endpoint and the consent form, run by
// one loop over real HTTP with the cookie-jar browser. Each case names what
// an attacker tries and asserts that it gets nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type Case, runCases } from "../helpers/case-table.ts";
import { revokeApplication } from "../../src/services/oauth/revoke.ts";
import { type Browser, location, openBrowser, readForm, serve } from "../api/oauth-browser.ts";
import { startTestApp } from "../helpers/app.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { PASSWORD, pkcePair } from "../helpers/oauth-sign-in.ts";

const CALLBACK = "https://client.example:8443/callback";
const EVIL = "https://evil.example";

interface Client { id: string; client_id: string; client_secret: string }
interface Token { access_token: string; scope: string }

let app: Awaited<ReturnType<typeof startTestApp>>;
let server: Awaited<ReturnType<typeof serve>>;
let client: Client;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL(path, server.base), { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json", ...headers } });
const apiGet = (path: string, token: string) => fetch(new URL(path, server.base), { headers: { Authorization: `Bearer ${token}` } });

async function register(scopes = "read write", redirectUris: string | string[] = CALLBACK): Promise<Client> {
  const response = await post("/api/v1/apps", { client_name: "Hostile", redirect_uris: redirectUris, scopes });
  expect(response.status).toBe(200);
  return await response.json() as Client;
}

function authorizeUrl(params: Record<string, string>, of: Client = client): string {
  return `/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: of.client_id, redirect_uri: CALLBACK, scope: "read", ...params })}`;
}

/** Signs a fresh browser in and returns it with the consent form's fields for the request. */
async function consent(params: Record<string, string> = {}, of: Client = client): Promise<{ browser: Browser; fields: Record<string, string> }> {
  const browser = openBrowser(server.base);
  const toSignIn = location(await browser.get(authorizeUrl(params, of)), server.base);
  const page = await browser.get(toSignIn.pathname + toSignIn.search);
  const signedIn = await browser.post("/auth/sign_in", { ...readForm(await page.text(), "/auth/sign_in"), email: "alice@example.com", password: PASSWORD });
  const back = location(signedIn, server.base);
  const form = await browser.get(back.pathname + back.search);
  expect(form.status).toBe(200);
  return { browser, fields: readForm(await form.text(), "/oauth/authorize") };
}

/** A code for the client, with the PKCE verifier that goes with it. */
async function codeFor(scope = "read", of: Client = client): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkcePair();
  const { browser, fields } = await consent({ scope, code_challenge: challenge, code_challenge_method: "S256" }, of);
  const redirect = location(await browser.post("/oauth/authorize", { ...fields, decision: "authorize" }), server.base);
  return { code: redirect.searchParams.get("code")!, verifier };
}

function exchange(code: string, verifier: string | null, extra: Record<string, string> = {}, of: Client = client): Promise<Response> {
  return post("/oauth/token", {
    grant_type: "authorization_code", code, redirect_uri: CALLBACK, client_id: of.client_id,
    ...(verifier ? { code_verifier: verifier } : {}), ...extra,
  });
}

async function expectOAuthError(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status);
  const body = await response.json() as { error: string };
  expectEntity(body, "Error");
  expect(body.error).toBe(error);
}

/** A page the browser must never leave for the client: 400, no Location, nothing issued. */
async function expectNoRedirect(response: Response): Promise<void> {
  expect(response.status).toBe(400);
  expect(response.headers.get("Location")).toBeNull();
}

/** Posts the consent form with extra headers, carrying the browser's cookies (what a page on another origin makes a browser do). */
function postConsentWith(browser: Browser, fields: Record<string, string>, headers: Record<string, string>): Promise<Response> {
  const cookie = [...browser.cookies].map(([name, c]) => `${name}=${c.value}`).join("; ");
  return fetch(new URL("/oauth/authorize", server.base), {
    method: "POST", redirect: "manual", body: new URLSearchParams({ ...fields, decision: "authorize" }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, ...headers },
  });
}

const unusedCodes = async () => (await app.database.db.selectFrom("oauth_authorization_codes").select("code_hash").execute()).length;

const cases: Case[] = [
  ...[
    ["unregistered host", "https://evil.example/callback"],
    ["trailing slash", `${CALLBACK}/`],
    ["other port", "https://client.example:9443/callback"],
    ["default port", "https://client.example/callback"],
    ["added query", `${CALLBACK}?next=${EVIL}`],
    ["added fragment", `${CALLBACK}#x`],
    ["other scheme", "http://client.example:8443/callback"],
    ["upper-case host", "https://CLIENT.example:8443/callback"],
    ["userinfo", "https://client.example:8443@evil.example/callback"],
    ["longer path", `${CALLBACK}/../../evil`],
  ].map(([what, uri]) => ({
    name: `authorize refuses a redirect_uri near-miss (${what}) without redirecting`,
    async run() {
      await expectNoRedirect(await openBrowser(server.base).get(authorizeUrl({ redirect_uri: uri! })));
    },
  })),
  {
    name: "the consent form tampered with an unregistered redirect_uri issues no code",
    async run() {
      const { browser, fields } = await consent();
      const before = await unusedCodes();
      await expectNoRedirect(await browser.post("/oauth/authorize", { ...fields, redirect_uri: `${CALLBACK}/`, decision: "authorize" }));
      expect(await unusedCodes()).toBe(before);
    },
  },
  {
    name: "the token exchange refuses a redirect_uri other than the authorization's",
    async run() {
      const { code, verifier } = await codeFor();
      await expectOAuthError(await exchange(code, verifier, { redirect_uri: `${CALLBACK}/` }), 400, "invalid_grant");
    },
  },
  {
    name: "a reused code fails and revokes the token issued from it (RFC 6749 4.1.2)",
    async run() {
      const { code, verifier } = await codeFor();
      const first = await exchange(code, verifier);
      expect(first.status).toBe(200);
      const token = await first.json() as Token;
      expect((await apiGet("/api/v1/accounts/verify_credentials", token.access_token)).status).toBe(200);
      await expectOAuthError(await exchange(code, verifier), 400, "invalid_grant");
      expect((await apiGet("/api/v1/accounts/verify_credentials", token.access_token)).status).toBe(401);
      // A third try changes nothing and issues nothing.
      await expectOAuthError(await exchange(code, verifier), 400, "invalid_grant");
    },
  },
  {
    name: "two concurrent exchanges of one code: at most one token, and it does not survive",
    async run() {
      const { code, verifier } = await codeFor();
      const answers = await Promise.all([exchange(code, verifier), exchange(code, verifier)]);
      const tokens = await Promise.all(answers.filter((a) => a.status === 200).map((a) => a.json() as Promise<Token>));
      expect(tokens.length).toBeLessThanOrEqual(1);
      for (const token of tokens) expect((await apiGet("/api/v1/accounts/verify_credentials", token.access_token)).status).toBe(401);
    },
  },
  {
    name: "a code is refused to another client, even one with the same redirect_uri, and is not burned by it",
    async run() {
      const { code, verifier } = await codeFor();
      const other = await register();
      await expectOAuthError(await exchange(code, verifier, { client_secret: other.client_secret }, other), 400, "invalid_grant");
      expect((await exchange(code, verifier)).status).toBe(200);
    },
  },
  {
    name: "an expired code is refused",
    async run() {
      const { code, verifier } = await codeFor();
      await app.database.db.updateTable("oauth_authorization_codes").set({ expires_at: Date.now() - 1 }).where("used_at", "is", null).execute();
      await expectOAuthError(await exchange(code, verifier), 400, "invalid_grant");
    },
  },
  {
    name: "PKCE: a verifier that does not match is refused",
    async run() {
      const { code } = await codeFor();
      await expectOAuthError(await exchange(code, pkcePair().verifier), 400, "invalid_grant");
    },
  },
  {
    name: "PKCE: the challenge itself sent as the verifier is refused",
    async run() {
      const { verifier, challenge } = pkcePair();
      const { browser, fields } = await consent({ code_challenge: challenge, code_challenge_method: "S256" });
      const code = location(await browser.post("/oauth/authorize", { ...fields, decision: "authorize" }), server.base).searchParams.get("code")!;
      await expectOAuthError(await exchange(code, challenge), 400, "invalid_grant");
      expect((await exchange(code, verifier)).status).toBe(200);
    },
  },
  {
    name: "PKCE: a missing verifier is refused, even with the client secret",
    async run() {
      const { code } = await codeFor();
      await expectOAuthError(await exchange(code, null), 400, "invalid_grant");
      await expectOAuthError(await exchange(code, null, { client_secret: client.client_secret }), 400, "invalid_grant");
    },
  },
  {
    name: "PKCE: a public client without a challenge cannot exchange its code",
    async run() {
      const { browser, fields } = await consent();
      const code = location(await browser.post("/oauth/authorize", { ...fields, decision: "authorize" }), server.base).searchParams.get("code")!;
      await expectOAuthError(await exchange(code, null), 401, "invalid_client");
    },
  },
  {
    name: "scope escalation: authorize asks for more than the app registered",
    async run() {
      for (const scope of ["read write follow", "admin:read", "push", "read:statuses follow"]) {
        const target = location(await openBrowser(server.base).get(authorizeUrl({ scope })), server.base);
        expect(target.searchParams.get("error")).toBe("invalid_scope");
      }
    },
  },
  {
    name: "scope escalation: the code exchange asking for more gets only what was consented",
    async run() {
      const { code, verifier } = await codeFor("read");
      const exchanged = await exchange(code, verifier, { scope: "read write admin:write" });
      expect(exchanged.status).toBe(200);
      const token = await exchanged.json() as Token;
      expect(token.scope).toBe("read");
      expect((await post("/api/v1/statuses", { status: "escalated" }, { Authorization: `Bearer ${token.access_token}` })).status).toBe(403);
    },
  },
  {
    name: "scope escalation: client_credentials and password grants asking for more are invalid_scope",
    async run() {
      const secret = { client_id: client.client_id, client_secret: client.client_secret };
      await expectOAuthError(await post("/oauth/token", { grant_type: "client_credentials", scope: "read follow", ...secret }), 400, "invalid_scope");
      await expectOAuthError(await post("/oauth/token", { grant_type: "password", username: "alice@example.com", password: PASSWORD, scope: "read admin:read", ...secret }), 400, "invalid_scope");
    },
  },
  {
    name: "scope escalation: there is no refresh grant to widen a token through",
    async run() {
      await expectOAuthError(await post("/oauth/token", { grant_type: "refresh_token", refresh_token: "x", scope: "read write follow", client_id: client.client_id, client_secret: client.client_secret }), 400, "unsupported_grant_type");
    },
  },
  {
    name: "a revoked app's user and app tokens stop working, and its pending code cannot be exchanged",
    async run() {
      const doomed = await register();
      const { code, verifier } = await codeFor("read", doomed);
      const pending = await codeFor("read", doomed);
      const token = await (await exchange(code, verifier, {}, doomed)).json() as Token;
      const appToken = await (await post("/oauth/token", { grant_type: "client_credentials", client_id: doomed.client_id, client_secret: doomed.client_secret })).json() as Token;
      await revokeApplication(app.services.deps, doomed.id);
      for (const t of [token, appToken]) expect((await apiGet("/api/v1/apps/verify_credentials", t.access_token)).status).toBe(401);
      expect((await apiGet("/api/v1/timelines/home", token.access_token)).status).toBe(401);
      await expectOAuthError(await exchange(pending.code, pending.verifier, {}, doomed), 401, "invalid_client");
      expect((await openBrowser(server.base).get(authorizeUrl({}, doomed))).status).toBe(400);
    },
  },
  {
    name: "a revoked token is refused by the API and by streaming",
    async run() {
      const { code, verifier } = await codeFor();
      const token = await (await exchange(code, verifier)).json() as Token;
      const revoked = await post("/oauth/revoke", { token: token.access_token, client_id: client.client_id, client_secret: client.client_secret });
      expect(revoked.status).toBe(200);
      expect((await apiGet("/api/v1/accounts/verify_credentials", token.access_token)).status).toBe(401);
      expect((await apiGet("/api/v1/streaming/user", token.access_token)).status).toBe(401);
    },
  },
  {
    name: "CSRF: a consent form without its token issues no code",
    async run() {
      const { browser, fields } = await consent();
      const { csrf_token: _dropped, ...rest } = fields;
      const before = await unusedCodes();
      const refused = await browser.post("/oauth/authorize", { ...rest, decision: "authorize" });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("Location")).toBeNull();
      expect(await unusedCodes()).toBe(before);
    },
  },
  {
    name: "CSRF: a consent form with a wrong token, or another browser's, issues no code",
    async run() {
      const { browser, fields } = await consent();
      const other = await consent();
      for (const token of [randomBytes(32).toString("base64url"), other.fields.csrf_token!]) {
        expect((await browser.post("/oauth/authorize", { ...fields, csrf_token: token, decision: "authorize" })).status).toBe(403);
      }
    },
  },
  {
    name: "CSRF: a cross-origin POST of the consent form is refused even with the victim's cookie and token",
    async run() {
      const { browser, fields } = await consent();
      const before = await unusedCodes();
      for (const headers of [{ Origin: EVIL }, { "Sec-Fetch-Site": "cross-site" }, { Origin: "null" }] as Record<string, string>[]) {
        const refused = await postConsentWith(browser, fields, headers);
        expect(refused.status).toBe(403);
        expect(refused.headers.get("Location")).toBeNull();
      }
      expect(await unusedCodes()).toBe(before);
      // The same form from the instance's own origin goes through.
      const same = await postConsentWith(browser, fields, { Origin: app.config.publicUrl.origin, "Sec-Fetch-Site": "same-origin" });
      expect(same.status).toBe(303);
    },
  },
  {
    name: "CSRF: a cross-origin POST of the sign-in form does not sign the browser in",
    async run() {
      const browser = openBrowser(server.base);
      const page = await browser.get("/auth/sign_in");
      const fields = readForm(await page.text(), "/auth/sign_in");
      const cookie = [...browser.cookies].map(([name, c]) => `${name}=${c.value}`).join("; ");
      const refused = await fetch(new URL("/auth/sign_in", server.base), {
        method: "POST", redirect: "manual", body: new URLSearchParams({ ...fields, email: "alice@example.com", password: PASSWORD }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: EVIL },
      });
      expect(refused.status).toBe(403);
    },
  },
];

beforeAll(async () => {
  app = await startTestApp("https://parley.test");
  server = await serve(app);
  const alice = await app.services.createLocalAccount({ username: "alice", email: "alice@example.com", password: PASSWORD });
  if (!alice.ok) throw new Error(alice.message);
  client = await register();
});
afterAll(async () => {
  await server?.close();
  await app?.dispose();
});

describe("hostile input: OAuth abuse", () => {
  runCases("OAuth abuse", cases);
});
