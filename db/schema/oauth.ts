// Row types of the OAuth tables (migration 0002-oauth).
import type { Id, Millis } from "./index.ts";

export interface OAuthApplicationsTable {
  id: Id;
  name: string;
  website: string | null;
  /** Newline-separated, as registered; matched exactly. */
  redirect_uris: string;
  /** Space-separated scopes the app may ask for. */
  scopes: string;
  client_id: string;
  client_secret_hash: string;
  owner_account_id: Id | null;
  created_at: Millis;
  /** Set when the app was revoked: none of its tokens work any more. */
  revoked_at: Millis | null;
}

export interface OAuthAccessTokensTable {
  id: Id;
  token_hash: string;
  application_id: Id;
  /** null for client_credentials tokens. */
  account_id: Id | null;
  scopes: string;
  created_at: Millis;
  last_used_at: Millis | null;
  revoked_at: Millis | null;
}

export interface OAuthAuthorizationCodesTable {
  code_hash: string;
  application_id: Id;
  account_id: Id;
  redirect_uri: string;
  scopes: string;
  code_challenge: string | null;
  /** "S256" or "plain". */
  code_challenge_method: string | null;
  expires_at: Millis;
  used_at: Millis | null;
  /** The token the code was exchanged for; revoked if the code comes back (RFC 6749 4.1.2). */
  token_id: Id | null;
}

export interface WebSessionsTable {
  id_hash: string;
  /** null until the browser signs in (the session then carries only a CSRF token). */
  account_id: Id | null;
  csrf_token: string;
  created_at: Millis;
  expires_at: Millis;
}

export interface OAuthTables {
  oauth_applications: OAuthApplicationsTable;
  oauth_access_tokens: OAuthAccessTokensTable;
  oauth_authorization_codes: OAuthAuthorizationCodesTable;
  web_sessions: WebSessionsTable;
}
