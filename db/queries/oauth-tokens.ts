// Queries on OAuth access tokens. Tokens are high-entropy random strings, so
// a SHA-256 hash is enough to store them (a leaked table reveals no token).
import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import type { OAuthAccessTokensTable } from "../schema/oauth.ts";
import type { Executor } from "./executor.ts";

export type AccessTokenRow = Selectable<OAuthAccessTokensTable>;

/** The stored form of a token, code or secret. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

/** The live token for a bearer string: not revoked, its account not deleted. */
export async function findActiveToken(db: Executor, bearer: string): Promise<AccessTokenRow | undefined> {
  const row = await db
    .selectFrom("oauth_access_tokens")
    .leftJoin("accounts", "accounts.id", "oauth_access_tokens.account_id")
    .selectAll("oauth_access_tokens")
    .select("accounts.deleted_at")
    .where("oauth_access_tokens.token_hash", "=", hashSecret(bearer))
    .where("oauth_access_tokens.revoked_at", "is", null)
    .executeTakeFirst();
  if (!row || row.deleted_at !== null) return undefined;
  const { deleted_at: _deleted, ...token } = row;
  return token;
}
