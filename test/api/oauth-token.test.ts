// The token endpoint's other grants (client_credentials, password), client
// authentication in the body and with HTTP Basic, revocation, revoked and
// deleted apps, userinfo and the RFC 8414 metadata.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApplication } from "../../src/services/oauth/revoke.ts";
import { startTestApp } from "../helpers/app.ts";
import { expectEntity } from "../helpers/openapi.ts";

const origin = "https://parley.test";
const PASSWORD = "correct horse battery staple";
let app: Awaited<ReturnType<typeof startTestApp>>;

interface Client { id: string; client_id: string; client_secret: string }
interface Token { access_token: string; scope: string; token_type: string }

function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  return app.fetch(new Request(`${origin}${path}`, { ...init, headers }));
}
const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  call(path, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers } });
const json = (path: string, body: unknown) => call(path, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });

async function registerClient(scopes = "read write"): Promise<Client> {
  const response = await json("/api/v1/apps", { client_name: "Token test", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes });
  expect(response.status).toBe(200);
  return await response.json() as Client;
}
async function clientToken(client: Client, scope?: string): Promise<Token> {
  const response = await form("/oauth/token", { grant_type: "client_credentials", client_id: client.client_id, client_secret: client.client_secret, ...(scope ? { scope } : {}) });
  expect(response.status).toBe(200);
  return await response.json() as Token;
}
async function expectOAuthError(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status);
  const body = await response.json() as { error: string; error_description: string };
  expectEntity(body, "Error");
  expect(body.error).toBe(error);
  expect(body.error_description).toBeTruthy();
}

beforeAll(async () => {
  app = await startTestApp(origin);
  const alice = await app.services.createLocalAccount({ username: "alice", email: "alice@example.com", password: PASSWORD });
  if (!alice.ok) throw new Error(alice.message);
});
afterAll(async () => {
  await app?.dispose();
});

describe("client_credentials and password grants", () => {
  it("issues an app token (no account) with the default scope read, and refuses escalation", async () => {
    const client = await registerClient();
    const token = await clientToken(client);
    expectEntity(token, "Token");
    expect(token).toMatchObject({ token_type: "Bearer", scope: "read" });
    const row = await app.database.db.selectFrom("oauth_access_tokens").selectAll().where("application_id", "=", client.id).executeTakeFirstOrThrow();
    expect(row.account_id).toBeNull();
    // An app token works where any token does, not where a user is needed.
    const verified = await call("/api/v1/apps/verify_credentials", { token: token.access_token });
    expect(verified.status).toBe(200);
    expect((await call("/api/v1/accounts/verify_credentials", { token: token.access_token })).status).toBe(422);
    expect((await clientToken(client, "read write")).scope).toBe("read write");
    await expectOAuthError(await form("/oauth/token", { grant_type: "client_credentials", client_id: client.client_id, client_secret: client.client_secret, scope: "read follow" }), 400, "invalid_scope");
  });

  it("authenticates clients in the body or with HTTP Basic, and refuses bad credentials with 401", async () => {
    const client = await registerClient();
    const basic = (id: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` });
    expect((await form("/oauth/token", { grant_type: "client_credentials" }, basic(client.client_id, client.client_secret))).status).toBe(200);
    const wrongBasic = await form("/oauth/token", { grant_type: "client_credentials" }, basic(client.client_id, "wrong"));
    expect(wrongBasic.headers.get("WWW-Authenticate")).toMatch(/^Basic/);
    await expectOAuthError(wrongBasic, 401, "invalid_client");
    await expectOAuthError(await form("/oauth/token", { grant_type: "client_credentials", client_id: client.client_id, client_secret: "wrong" }), 401, "invalid_client");
    await expectOAuthError(await form("/oauth/token", { grant_type: "client_credentials", client_id: client.client_id }), 401, "invalid_client");
    await expectOAuthError(await form("/oauth/token", { grant_type: "client_credentials", client_id: "unknown", client_secret: "x" }), 401, "invalid_client");
    await expectOAuthError(await form("/oauth/token", { grant_type: "refresh_token", client_id: client.client_id }), 400, "unsupported_grant_type");
    await expectOAuthError(await form("/oauth/token", { client_id: client.client_id }), 400, "invalid_request");
  });

  it("supports the password grant with the email as username, and refuses a wrong password", async () => {
    const client = await registerClient();
    const fields = { grant_type: "password", client_id: client.client_id, client_secret: client.client_secret, username: "Alice@Example.com", scope: "read write" };
    const response = await json("/oauth/token", { ...fields, password: PASSWORD });
    expect(response.status).toBe(200);
    const token = await response.json() as Token;
    const me = await call("/api/v1/accounts/verify_credentials", { token: token.access_token });
    expect(((await me.json()) as { username: string }).username).toBe("alice");
    await expectOAuthError(await json("/oauth/token", { ...fields, password: "wrong password" }), 400, "invalid_grant");
    await expectOAuthError(await json("/oauth/token", { ...fields, username: "nobody@example.com", password: PASSWORD }), 400, "invalid_grant");
    await expectOAuthError(await json("/oauth/token", { ...fields, password: PASSWORD, scope: "admin:write" }), 400, "invalid_scope");
  });
});

describe("revocation", () => {
  it("revokes the client's own token (idempotent), refuses another app's, accepts unknown tokens", async () => {
    const client = await registerClient();
    const other = await registerClient();
    const token = await clientToken(client);
    const othersToken = await clientToken(other);
    const revoke = (c: Client, t: string) => form("/oauth/revoke", { client_id: c.client_id, client_secret: c.client_secret, token: t });

    await expectOAuthError(await revoke(client, othersToken.access_token), 403, "unauthorized_client");
    expect((await call("/api/v1/apps/verify_credentials", { token: othersToken.access_token })).status).toBe(200);
    await expectOAuthError(await form("/oauth/revoke", { client_id: client.client_id, client_secret: "wrong", token: token.access_token }), 401, "invalid_client");

    const revoked = await revoke(client, token.access_token);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({});
    expect((await call("/api/v1/apps/verify_credentials", { token: token.access_token })).status).toBe(401);
    expect((await revoke(client, token.access_token)).status).toBe(200);
    expect((await revoke(client, "never-issued")).status).toBe(200);
  });

  it("stops every token of a revoked or deleted app, and the app itself", async () => {
    const revokedApp = await registerClient();
    const deletedApp = await registerClient();
    const password = { grant_type: "password", username: "alice@example.com", password: PASSWORD };
    const userToken = await (await form("/oauth/token", { ...password, client_id: revokedApp.client_id, client_secret: revokedApp.client_secret })).json() as Token;
    const appToken = await clientToken(revokedApp);
    const doomed = await clientToken(deletedApp);
    for (const t of [userToken, appToken, doomed]) expect((await call("/api/v1/apps/verify_credentials", { token: t.access_token })).status).toBe(200);

    await revokeApplication(app.services.deps, revokedApp.id);
    await app.database.db.deleteFrom("oauth_applications").where("id", "=", deletedApp.id).execute();
    for (const t of [userToken, appToken, doomed]) expect((await call("/api/v1/apps/verify_credentials", { token: t.access_token })).status).toBe(401);
    expect((await call("/api/v1/timelines/home", { token: userToken.access_token })).status).toBe(401);
    await expectOAuthError(await form("/oauth/token", { grant_type: "client_credentials", client_id: revokedApp.client_id, client_secret: revokedApp.client_secret }), 401, "invalid_client");
  });
});

describe("userinfo and metadata", () => {
  it("answers userinfo for user tokens with profile or read:accounts: 401 without a token, 403 without the scope", async () => {
    const client = await registerClient("read write profile");
    const token = async (scope: string) =>
      (await (await form("/oauth/token", { grant_type: "password", username: "alice@example.com", password: PASSWORD, scope, client_id: client.client_id, client_secret: client.client_secret })).json() as Token).access_token;
    expect((await call("/oauth/userinfo")).status).toBe(401);
    expect((await call("/oauth/userinfo", { token: "bogus" })).status).toBe(401);
    expect((await call("/oauth/userinfo", { token: await token("write") })).status).toBe(403);
    expect((await call("/oauth/userinfo", { token: (await clientToken(client, "profile")).access_token })).status).toBe(422);
    for (const scope of ["profile", "read:accounts"]) {
      const response = await call("/oauth/userinfo", { token: await token(scope) });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        iss: `${origin}/`,
        sub: `${origin}/users/alice`,
        name: "alice",
        preferred_username: "alice",
        profile: `${origin}/@alice`,
        picture: `${origin}/avatars/original/missing.png`,
      });
    }
  });

  it("publishes RFC 8414 metadata with CORS", async () => {
    const response = await call("/.well-known/oauth-authorization-server", { headers: { Origin: "https://elk.example" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const metadata = await response.json() as Record<string, unknown>;
    expectEntity(metadata, "DiscoverOauthServerConfigurationResponse");
    expect(metadata).toMatchObject({
      issuer: `${origin}/`,
      authorization_endpoint: `${origin}/oauth/authorize`,
      token_endpoint: `${origin}/oauth/token`,
      revocation_endpoint: `${origin}/oauth/revoke`,
      userinfo_endpoint: `${origin}/oauth/userinfo`,
      app_registration_endpoint: `${origin}/api/v1/apps`,
      code_challenge_methods_supported: ["S256", "plain"],
      response_types_supported: ["code"],
    });
    expect(metadata.grant_types_supported).toEqual(expect.arrayContaining(["authorization_code", "client_credentials", "password"]));
    const preflight = await call("/oauth/token", { method: "OPTIONS", headers: { Origin: "https://elk.example", "Access-Control-Request-Method": "POST" } });
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});
