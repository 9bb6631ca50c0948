// OAuth 2 applications, access tokens, authorization codes, and web sign-in
// sessions (docs/adr/0009-oauth.md). Frozen once applied; imports nothing from
// the app.
import { type Kysely, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates the OAuth tables. Secrets and tokens are stored as SHA-256 hashes. */
export async function up(db: AnyDb): Promise<void> {
  const idType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint";

  await db.schema
    .createTable("oauth_applications")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("website", "text")
    .addColumn("redirect_uris", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull().unique())
    .addColumn("client_secret_hash", "text", (c) => c.notNull())
    .addColumn("owner_account_id", "bigint", (c) => c.references("accounts.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    // A revoked application keeps its row (ids in logs stay meaningful) but no token of it works.
    .addColumn("revoked_at", "bigint")
    .execute();

  await db.schema
    .createTable("oauth_access_tokens")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("application_id", "bigint", (c) => c.notNull().references("oauth_applications.id").onDelete("cascade"))
    .addColumn("account_id", "bigint", (c) => c.references("accounts.id").onDelete("cascade"))
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .execute();
  await db.schema.createIndex("oauth_access_tokens_account_idx").on("oauth_access_tokens").columns(["account_id", "application_id"]).execute();

  await db.schema
    .createTable("oauth_authorization_codes")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("application_id", "bigint", (c) => c.notNull().references("oauth_applications.id").onDelete("cascade"))
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("redirect_uri", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("code_challenge", "text")
    .addColumn("code_challenge_method", "text")
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    // The token the code was exchanged for: revoked if the code is presented again (RFC 6749 4.1.2).
    .addColumn("token_id", "bigint")
    .execute();
  await db.schema.createIndex("oauth_authorization_codes_expiry_idx").on("oauth_authorization_codes").column("expires_at").execute();

  await db.schema
    .createTable("web_sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    // null until the browser signs in: the session then only carries the sign-in form's CSRF token.
    .addColumn("account_id", "bigint", (c) => c.references("accounts.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("web_sessions_expiry_idx").on("web_sessions").column("expires_at").execute();
}

/** Drops the OAuth tables. */
export async function down(db: AnyDb): Promise<void> {
  for (const table of ["web_sessions", "oauth_authorization_codes", "oauth_access_tokens", "oauth_applications"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
