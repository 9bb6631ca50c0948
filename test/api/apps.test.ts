// POST /api/v1/apps and GET /api/v1/apps/verify_credentials: registration
// from JSON and form bodies, Mastodon's 422s, the secret shown once and
// stored hashed, and verification with any token of the app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../../db/queries/oauth-tokens.ts";
import { startTestApp } from "../helpers/app.ts";
import { expectEntity } from "../helpers/openapi.ts";

const origin = "https://parley.test";
let app: Awaited<ReturnType<typeof startTestApp>>;

const request = (path: string, init: RequestInit = {}) => app.fetch(new Request(`${origin}${path}`, init));
const postJson = (body: unknown) => request("/api/v1/apps", { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });

beforeAll(async () => {
  app = await startTestApp(origin);
});
afterAll(async () => {
  await app?.dispose();
});

describe("POST /api/v1/apps", () => {
  it("registers from JSON with a list of redirect URIs; the secret is shown once and stored hashed", async () => {
    const response = await postJson({ client_name: "Elk", redirect_uris: ["https://elk.example/callback", "elk://oauth"], scopes: "read write push", website: "https://elk.example" });
    expect(response.status).toBe(200);
    const body = await response.json() as { id: string; client_id: string; client_secret: string; scopes: string[]; redirect_uri: string; redirect_uris: string[]; vapid_key: string };
    expectEntity(body, "CredentialApplication");
    expect(body).toMatchObject({
      name: "Elk",
      website: "https://elk.example/",
      scopes: ["read", "write", "push"],
      redirect_uri: "https://elk.example/callback\nelk://oauth",
      redirect_uris: ["https://elk.example/callback", "elk://oauth"],
      vapid_key: "",
      client_secret_expires_at: 0,
    });
    expect(body.client_secret.length).toBeGreaterThanOrEqual(43);
    const row = await app.database.db.selectFrom("oauth_applications").selectAll().where("id", "=", body.id).executeTakeFirstOrThrow();
    expect(row.client_secret_hash).toBe(hashSecret(body.client_secret));
    expect(JSON.stringify(row)).not.toContain(body.client_secret);
  });

  it("registers from a form with newline-separated redirect URIs and the default scope read", async () => {
    const form = new URLSearchParams({ client_name: "Bot", redirect_uris: "urn:ietf:wg:oauth:2.0:oob\nhttps://bot.example/cb" });
    const response = await request("/api/v1/apps", { method: "POST", body: form });
    expect(response.status).toBe(200);
    const body = await response.json() as { scopes: string[]; redirect_uris: string[]; website: string | null };
    expect(body.scopes).toEqual(["read"]);
    expect(body.redirect_uris).toEqual(["urn:ietf:wg:oauth:2.0:oob", "https://bot.example/cb"]);
    expect(body.website).toBeNull();
  });

  it("answers 422 in Mastodon's shape for bad scopes, redirect URIs, names and websites", async () => {
    const valid = { client_name: "App", redirect_uris: "https://app.example/cb" };
    const count = async () => (await app.database.db.selectFrom("oauth_applications").select("id").execute()).length;
    const before = await count();
    for (const [body, message] of [
      [{ ...valid, scopes: "read everything" }, "Validation failed: Scopes doesn't match configured on the server."],
      [{ ...valid, redirect_uris: "/relative/callback" }, "Validation failed: Redirect URI must be an absolute URI."],
      [{ ...valid, redirect_uris: "https://app.example/cb#fragment" }, "Validation failed: Redirect URI cannot contain a fragment."],
      [{ ...valid, redirect_uris: "javascript:alert(1)" }, "Validation failed: Redirect URI is forbidden by the server."],
      [{ ...valid, redirect_uris: [] }, "Validation failed: Redirect URI can't be blank"],
      [{ redirect_uris: "https://app.example/cb" }, "Validation failed: Name can't be blank"],
      [{ ...valid, client_name: "x".repeat(61) }, "Validation failed: Name is too long (maximum is 60 characters)"],
      [{ ...valid, website: "not a url" }, "Validation failed: Website is invalid"],
    ] as const) {
      const response = await postJson(body);
      expect(response.status, message).toBe(422);
      const error = await response.json();
      expectEntity(error, "Error");
      expect(error).toEqual({ error: message });
    }
    expect(await count()).toBe(before);
  });
});

describe("GET /api/v1/apps/verify_credentials", () => {
  it("answers 401 without a valid token, and the Application (no secrets) for any token of the app", async () => {
    expect((await request("/api/v1/apps/verify_credentials")).status).toBe(401);
    expect((await request("/api/v1/apps/verify_credentials", { headers: { Authorization: "Bearer nope" } })).status).toBe(401);
    const registered = await (await postJson({ client_name: "Narrow", redirect_uris: "https://n.example/cb", scopes: "write:statuses" })).json() as { client_id: string; client_secret: string };
    const tokenResponse = await request("/oauth/token", {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", scope: "write:statuses", client_id: registered.client_id, client_secret: registered.client_secret }),
    });
    const token = (await tokenResponse.json() as { access_token: string }).access_token;
    // No scope is needed, not even read (Mastodon 4.3).
    const response = await request("/api/v1/apps/verify_credentials", { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = await response.json() as Record<string, unknown>;
    expectEntity(body, "Application");
    expect(body).toMatchObject({ name: "Narrow", scopes: ["write:statuses"], redirect_uris: ["https://n.example/cb"] });
    expect(body.client_secret).toBeUndefined();
    expect(body.client_id).toBeUndefined();
  });
});
