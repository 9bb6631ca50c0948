// Queries on OAuth access tokens. Tokens are high-entropy random strings, so
// a SHA-256 hash is enough to store them (a leaked table reveals no token).
import { createHash } from "node:crypto";
import type { Insertable, Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { OAuthAccessTokensTable } from "../schema/oauth.ts";
import type { Executor } from "./executor.ts";

export type AccessTokenRow = Selectable<OAuthAccessTokensTable>;

/** The stored form of a token, code or secret. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

/**
 * Tokens that still work: not revoked, their application not revoked, their
 * account (when they have one) neither deleted, suspended nor disabled.
 */
export function liveTokens(db: Executor) {
  return db
    .selectFrom("oauth_access_tokens")
    .innerJoin("oauth_applications", "oauth_applications.id", "oauth_access_tokens.application_id")
    .leftJoin("accounts", "accounts.id", "oauth_access_tokens.account_id")
    .leftJoin("users", "users.account_id", "oauth_access_tokens.account_id")
    .where("oauth_access_tokens.revoked_at", "is", null)
    .where("oauth_applications.revoked_at", "is", null)
    .where("accounts.deleted_at", "is", null)
    .where("accounts.suspended_at", "is", null)
    .where("users.disabled_at", "is", null);
}

/** The live token for a bearer string (liveTokens), whose account is not waiting for approval either. */
export async function findActiveToken(db: Executor, bearer: string): Promise<AccessTokenRow | undefined> {
  const row = await liveTokens(db)
    .leftJoin("account_registrations", "account_registrations.account_id", "oauth_access_tokens.account_id")
    .selectAll("oauth_access_tokens")
    .select(["account_registrations.created_at as registered_at", "account_registrations.approved_at"])
    .where("oauth_access_tokens.token_hash", "=", hashSecret(bearer))
    .executeTakeFirst();
  if (!row) return undefined;
  const { registered_at: registeredAt, approved_at: approvedAt, ...token } = row;
  if (registeredAt !== null && approvedAt === null) return undefined;
  return token;
}

/** Inserts a token row. */
export async function insertAccessToken(db: Executor, row: Insertable<OAuthAccessTokensTable>): Promise<void> {
  await db.insertInto("oauth_access_tokens").values(row).execute();
}

/** A token by its bearer string, revoked or not. */
export function findTokenByBearer(db: Executor, bearer: string): Promise<AccessTokenRow | undefined> {
  return db.selectFrom("oauth_access_tokens").selectAll().where("token_hash", "=", hashSecret(bearer)).executeTakeFirst();
}

/** Revokes one token; revoking twice keeps the first time. */
export async function revokeAccessToken(db: Executor, id: Id, at: number): Promise<void> {
  await db.updateTable("oauth_access_tokens").set({ revoked_at: at }).where("id", "=", id).where("revoked_at", "is", null).execute();
}
