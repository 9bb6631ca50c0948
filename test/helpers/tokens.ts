// Test shortcut to an access token for an account, written straight to the
// database (the OAuth flows themselves are tested in test/api/oauth.test.ts).
import { randomBytes } from "node:crypto";
import { hashSecret } from "../../db/queries/oauth-tokens.ts";
import type { ParleyApp } from "../../src/app.ts";
import { createIdGenerator } from "../../src/domain/ids.ts";

const ids = createIdGenerator();

/** Registers a test app and issues a bearer token with the given scopes for accountId (null: app token). */
export async function issueToken(app: ParleyApp, accountId: string | null, scopes = "read write follow push"): Promise<string> {
  const db = app.database.db;
  const applicationId = ids.next();
  await db.insertInto("oauth_applications").values({
    id: applicationId,
    name: "test client",
    website: null,
    redirect_uris: "urn:ietf:wg:oauth:2.0:oob",
    scopes,
    client_id: randomBytes(16).toString("hex"),
    client_secret_hash: hashSecret(randomBytes(16).toString("hex")),
    owner_account_id: null,
    created_at: Date.now(),
  }).execute();
  const token = randomBytes(32).toString("base64url");
  await db.insertInto("oauth_access_tokens").values({
    id: ids.next(),
    token_hash: hashSecret(token),
    application_id: applicationId,
    account_id: accountId,
    scopes,
    created_at: Date.now(),
    last_used_at: null,
    revoked_at: null,
  }).execute();
  return token;
}
