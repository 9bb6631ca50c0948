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
}

export interface WebSessionsTable {
  id_hash: string;
  account_id: Id;
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
