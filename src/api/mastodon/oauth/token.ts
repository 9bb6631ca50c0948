// POST /oauth/token and POST /oauth/revoke, with JSON or form bodies and
// client credentials in the body or HTTP Basic. Public: no bearer token.
import { Hono } from "hono";
import { readParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { serializeToken } from "../../../entities/token.ts";
import { authenticateClient } from "../../../services/oauth/authenticate-client.ts";
import { exchangeToken, type TokenRequest } from "../../../services/oauth/exchange-token.ts";
import { INVALID_CLIENT } from "../../../services/oauth/oauth-failure.ts";
import { revokeToken } from "../../../services/oauth/revoke.ts";
import { clientCredentials, noStoreJson, oauthError, textParam } from "./client-auth.ts";

function tokenRequest(params: Record<string, unknown>): TokenRequest | "missing" | "unsupported" {
  const get = (name: string) => textParam(params, name);
  switch (get("grant_type")) {
    case null: return "missing";
    case "authorization_code": return { grantType: "authorization_code", code: get("code"), redirectUri: get("redirect_uri"), codeVerifier: get("code_verifier") };
    case "client_credentials": return { grantType: "client_credentials", scope: get("scope") };
    case "password": return { grantType: "password", username: get("username"), password: get("password"), scope: get("scope") };
    default: return "unsupported";
  }
}

/** Token and revocation routes. */
export function tokenRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.post("/oauth/token", async (c) => {
    const params = await readParams(c);
    const request = tokenRequest(params);
    if (request === "missing") return oauthError(c, { error: "invalid_request", description: "grant_type is required." });
    if (request === "unsupported") return oauthError(c, { error: "unsupported_grant_type", description: "The authorization grant type is not supported by the authorization server." });
    const read = clientCredentials(c, params);
    if (!read) return oauthError(c, { error: "invalid_client", description: INVALID_CLIENT }, true);
    const client = await authenticateClient(c.var.deps.db, read.credentials);
    if (!client.ok) return oauthError(c, client, read.basic);
    const issued = await exchangeToken(c.var.deps.services.deps, client.value, request);
    if (!issued.ok) return oauthError(c, issued, read.basic);
    return noStoreJson(c, serializeToken(issued.value.token, issued.value.row));
  });

  routes.post("/oauth/revoke", async (c) => {
    const params = await readParams(c);
    const read = clientCredentials(c, params);
    if (!read) return oauthError(c, { error: "invalid_client", description: INVALID_CLIENT }, true);
    const client = await authenticateClient(c.var.deps.db, read.credentials);
    if (!client.ok) return oauthError(c, client, read.basic);
    const revoked = await revokeToken(c.var.deps.services.deps, client.value, textParam(params, "token"));
    return revoked.ok ? c.json({}) : oauthError(c, revoked, read.basic);
  });

  return routes;
}
