// Checks an authorization request (GET and POST /oauth/authorize). RFC 6749
// 4.1.2.1: with an unknown client or a redirect URI that is not registered,
// nothing is redirected anywhere; other errors go back to the client.
import { type ApplicationRow, findApplicationByClientId } from "../../../db/queries/oauth-applications.ts";
import type { Executor } from "../../../db/queries/executor.ts";
import { parseScopes, scopesWithin } from "../../api/mastodon/scopes.ts";
import { INVALID_SCOPE, type OAuthErrorCode } from "./oauth-failure.ts";
import { isPkceString, type PkceMethod } from "./secrets.ts";

export interface AuthorizationParams {
  response_type?: string | undefined;
  client_id?: string | undefined;
  redirect_uri?: string | undefined;
  scope?: string | undefined;
  state?: string | undefined;
  code_challenge?: string | undefined;
  code_challenge_method?: string | undefined;
}

export interface AuthorizationRequest {
  application: ApplicationRow;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: PkceMethod | null;
}

export type AuthorizationCheck =
  | { kind: "valid"; request: AuthorizationRequest }
  /** Shown to the person on an error page: the client cannot be trusted with a redirect. */
  | { kind: "unsafe"; message: string }
  /** Sent back to the (known, registered) redirect URI. */
  | { kind: "refused"; redirectUri: string; state: string | null; error: OAuthErrorCode; description: string };

/** The registered redirect URIs of an application. */
export function redirectUrisOf(application: ApplicationRow): string[] {
  return application.redirect_uris.split("\n").filter(Boolean);
}

/** Validates an authorization request against the registered application. */
export async function checkAuthorizationRequest(db: Executor, params: AuthorizationParams): Promise<AuthorizationCheck> {
  const application = params.client_id ? await findApplicationByClientId(db, params.client_id) : undefined;
  if (!application) return { kind: "unsafe", message: "This application is not known to this server (unknown client_id)." };
  const registered = redirectUrisOf(application);
  // Doorkeeper's convenience: without redirect_uri, an app with exactly one uses that one.
  const redirectUri = params.redirect_uri ?? (registered.length === 1 ? registered[0]! : "");
  // Exact string comparison: no prefix, host or path matching (RFC 6749 3.1.2.3, OAuth 2.1).
  if (!registered.includes(redirectUri)) {
    return { kind: "unsafe", message: "The redirect URI in the request is not registered for this application." };
  }
  const state = params.state ?? null;
  const refuse = (error: OAuthErrorCode, description: string): AuthorizationCheck => ({ kind: "refused", redirectUri, state, error, description });

  if (params.response_type !== "code") return refuse("unsupported_response_type", "Only response_type=code is supported.");
  const scopes = parseScopes(params.scope);
  if (!scopes || !scopesWithin(scopes, application.scopes.split(" "))) return refuse("invalid_scope", INVALID_SCOPE);

  const challenge = params.code_challenge || null;
  const rawMethod = params.code_challenge_method || null;
  if (rawMethod !== null && rawMethod !== "S256" && rawMethod !== "plain") {
    return refuse("invalid_request", "code_challenge_method must be S256 or plain.");
  }
  if (challenge === null && rawMethod !== null) return refuse("invalid_request", "code_challenge_method was given without a code_challenge.");
  if (challenge !== null && !isPkceString(challenge)) {
    return refuse("invalid_request", "code_challenge must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' or '~'.");
  }
  // RFC 7636 4.3: without a method, the challenge is "plain".
  const method: PkceMethod | null = challenge === null ? null : (rawMethod ?? "plain") as PkceMethod;
  return { kind: "valid", request: { application, redirectUri, scopes, state, codeChallenge: challenge, codeChallengeMethod: method } };
}
