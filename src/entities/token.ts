// Access tokens as Mastodon's Token entity (the body of POST /oauth/token).
import type { AccessTokenRow } from "../../db/queries/oauth-tokens.ts";

export interface TokenEntity {
  access_token: string;
  token_type: "Bearer";
  scope: string;
  /** Seconds since the epoch, as Doorkeeper writes it. */
  created_at: number;
}

/** Serializes a token just issued; the secret is only ever shown here. */
export function serializeToken(token: string, row: AccessTokenRow): TokenEntity {
  return { access_token: token, token_type: "Bearer", scope: row.scopes, created_at: Math.floor(row.created_at / 1000) };
}
