// Queries on OAuth authorization codes: stored hashed, single use, short-lived.
import type { Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { OAuthAuthorizationCodesTable } from "../schema/oauth.ts";
import type { Executor } from "./executor.ts";

export type AuthorizationCodeRow = Selectable<OAuthAuthorizationCodesTable>;

// Used and expired codes stay a day, so a replayed code still finds the token to revoke.
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;

/** Inserts a code and drops the ones long expired. */
export async function insertAuthorizationCode(db: Executor, row: AuthorizationCodeRow): Promise<void> {
  await db.deleteFrom("oauth_authorization_codes").where("expires_at", "<", row.expires_at - KEEP_EXPIRED_MS).execute();
  await db.insertInto("oauth_authorization_codes").values(row).execute();
}

/** A code by its hash, used or not. */
export function findAuthorizationCode(db: Executor, codeHash: string): Promise<AuthorizationCodeRow | undefined> {
  return db.selectFrom("oauth_authorization_codes").selectAll().where("code_hash", "=", codeHash).executeTakeFirst();
}

/** Marks a code used by the token it became; false when another request used it first. */
export async function consumeAuthorizationCode(db: Executor, codeHash: string, tokenId: Id, at: number): Promise<boolean> {
  const result = await db
    .updateTable("oauth_authorization_codes")
    .set({ used_at: at, token_id: tokenId })
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
