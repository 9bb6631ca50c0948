// The token endpoint's grants (POST /oauth/token): authorization_code with
// PKCE, client_credentials, and password, which Mastodon keeps for bots.
import { consumeAuthorizationCode, findAuthorizationCode } from "../../../db/queries/oauth-codes.ts";
import { hashSecret, revokeAccessToken } from "../../../db/queries/oauth-tokens.ts";
import { parseScopes, scopesWithin } from "../../api/mastodon/scopes.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import type { AuthenticatedClient } from "./authenticate-client.ts";
import { accountMaySignIn, checkCredentials } from "./check-credentials.ts";
import { INVALID_CLIENT, INVALID_GRANT, INVALID_SCOPE, oauthFail, type OAuthResult } from "./oauth-failure.ts";
import { type IssuedToken, insertNewToken, issueAccessToken } from "./issue-token.ts";
import { type PkceMethod, verifierMatches } from "./secrets.ts";

export type TokenRequest =
  | { grantType: "authorization_code"; code: string | null; redirectUri: string | null; codeVerifier: string | null }
  | { grantType: "client_credentials"; scope: string | null }
  | { grantType: "password"; username: string | null; password: string | null; scope: string | null };

/** Runs one grant for an authenticated client. */
export function exchangeToken(deps: ServiceDeps, client: AuthenticatedClient, request: TokenRequest): Promise<OAuthResult<IssuedToken>> {
  if (request.grantType === "authorization_code") return exchangeCode(deps, client, request);
  // Only the authorization code grant lets a public client (PKCE, no secret) in.
  if (!client.secretVerified) return Promise.resolve(oauthFail("invalid_client", INVALID_CLIENT));
  return request.grantType === "client_credentials" ? clientCredentials(deps, client, request.scope) : passwordGrant(deps, client, request);
}

/** Requested scopes ("read" when none), within what the app registered. */
function grantableScopes(client: AuthenticatedClient, raw: string | null): string[] | null {
  const scopes = parseScopes(raw);
  return scopes && scopesWithin(scopes, client.application.scopes.split(" ")) ? scopes : null;
}

async function clientCredentials(deps: ServiceDeps, client: AuthenticatedClient, rawScope: string | null): Promise<OAuthResult<IssuedToken>> {
  const scopes = grantableScopes(client, rawScope);
  if (!scopes) return oauthFail("invalid_scope", INVALID_SCOPE);
  return { ok: true, value: await issueAccessToken(deps, { applicationId: client.application.id, accountId: null, scopes }) };
}

async function passwordGrant(
  deps: ServiceDeps,
  client: AuthenticatedClient,
  request: { username: string | null; password: string | null; scope: string | null },
): Promise<OAuthResult<IssuedToken>> {
  if (!request.username || !request.password) return oauthFail("invalid_request", "username and password are required.");
  const scopes = grantableScopes(client, request.scope);
  if (!scopes) return oauthFail("invalid_scope", INVALID_SCOPE);
  const account = await checkCredentials(deps.db, request.username, request.password);
  if (!account.ok) return oauthFail("invalid_grant", account.message);
  return { ok: true, value: await issueAccessToken(deps, { applicationId: client.application.id, accountId: account.value, scopes }) };
}

async function exchangeCode(
  deps: ServiceDeps,
  client: AuthenticatedClient,
  request: { code: string | null; redirectUri: string | null; codeVerifier: string | null },
): Promise<OAuthResult<IssuedToken>> {
  if (!request.code) return oauthFail("invalid_request", "code is required.");
  const codeHash = hashSecret(request.code);
  const grant = await findAuthorizationCode(deps.db, codeHash);
  const now = Date.now();
  if (!grant || grant.expires_at <= now || grant.application_id !== client.application.id) return oauthFail("invalid_grant", INVALID_GRANT);
  // A code presented twice was stolen or replayed: the token it gave is revoked too (RFC 6749 4.1.2).
  if (grant.used_at !== null) return replayed(deps, grant.token_id);
  if (request.redirectUri !== grant.redirect_uri) return oauthFail("invalid_grant", INVALID_GRANT);
  if (grant.code_challenge !== null) {
    const method = grant.code_challenge_method as PkceMethod;
    if (!request.codeVerifier || !verifierMatches(request.codeVerifier, grant.code_challenge, method)) {
      return oauthFail("invalid_grant", "PKCE verification failed: the code_verifier does not match the code_challenge.");
    }
  } else {
    // A verifier without a challenge is a downgrade attempt (OAuth 2.1 4.1.3); a public client needs PKCE.
    if (request.codeVerifier) return oauthFail("invalid_grant", "A code_verifier was sent but the authorization request had no code_challenge.");
    if (!client.secretVerified) return oauthFail("invalid_client", INVALID_CLIENT);
  }
  const account = await accountMaySignIn(deps.db, grant.account_id);
  if (!account.ok) return oauthFail("invalid_grant", account.message);

  const issued = await writeTransaction(deps, async (tx) => {
    const tokenId = deps.ids.next();
    // Claimed before the token exists: of two concurrent exchanges only one gets past here.
    if (!(await consumeAuthorizationCode(tx, codeHash, tokenId, now))) return null;
    return insertNewToken(tx, deps.ids, { id: tokenId, applicationId: grant.application_id, accountId: grant.account_id, scopes: grant.scopes.split(" ") });
  });
  if (!issued) return replayed(deps, (await findAuthorizationCode(deps.db, codeHash))?.token_id ?? null);
  return { ok: true, value: issued };
}

async function replayed(deps: ServiceDeps, tokenId: string | null): Promise<OAuthResult<IssuedToken>> {
  if (tokenId !== null) await writeTransaction(deps, (tx) => revokeAccessToken(tx, tokenId, Date.now()));
  return oauthFail("invalid_grant", INVALID_GRANT);
}
