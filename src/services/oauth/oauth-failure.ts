// OAuth 2 failures carry RFC 6749's error codes (section 5.2, 4.1.2.1) rather
// than the app's failure kinds: clients read `error` to decide what to do.

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "access_denied";

export interface OAuthFailure {
  ok: false;
  error: OAuthErrorCode;
  /** Safe to show the client. */
  description: string;
}

export type OAuthResult<T> = { ok: true; value: T } | OAuthFailure;

/** Builds an OAuth failure. */
export function oauthFail(error: OAuthErrorCode, description: string): OAuthFailure {
  return { ok: false, error, description };
}

// Doorkeeper's wording, which Mastodon clients show as is (Mastodon docs: methods/oauth).
export const INVALID_GRANT = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
export const INVALID_CLIENT = "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";
export const INVALID_SCOPE = "The requested scope is invalid, unknown, or malformed.";
