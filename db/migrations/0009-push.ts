// Web Push: the instance's VAPID key pair (in the database, so every process
// signs with the same key), one push subscription per access token, and the
// deliveries waiting to be sent (docs/adr/0013-streaming.md). Frozen once
// applied; imports nothing from the app.
import { type Kysely, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates vapid_keys, push_subscriptions and push_deliveries. */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const idType = sqlite ? "integer" : "bigint";

  // One row (id 1): a second process that races to create it loses the insert and reads the winner's.
  await db.schema
    .createTable("vapid_keys")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("private_key", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("push_subscriptions")
    .addColumn("id", idType, (c) => c.primaryKey())
    // Mastodon: one subscription per access token; it goes with the token.
    .addColumn("access_token_id", "bigint", (c) => c.notNull().unique().references("oauth_access_tokens.id").onDelete("cascade"))
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("endpoint", "text", (c) => c.notNull())
    .addColumn("key_p256dh", "text", (c) => c.notNull())
    .addColumn("key_auth", "text", (c) => c.notNull())
    // 1: RFC 8291 aes128gcm; 0: the legacy aesgcm draft (Mastodon's subscription[standard]).
    .addColumn("standard", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("alerts", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("policy", "text", (c) => c.notNull().defaultTo("all"))
    // Mastodon's payload carries the token (clients route it to the right account).
    .addColumn("access_token", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("push_subscriptions_account_idx").on("push_subscriptions").column("account_id").execute();

  await db.schema
    .createTable("push_deliveries")
    .addColumn("id", sqlite ? "integer" : "bigserial", (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("subscription_id", "bigint", (c) => c.notNull().references("push_subscriptions.id").onDelete("cascade"))
    // A dismissed notification is not pushed any more.
    .addColumn("notification_id", "bigint", (c) => c.notNull().references("notifications.id").onDelete("cascade"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("available_at", "bigint", (c) => c.notNull())
    .addColumn("locked_until", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("push_deliveries_pair_idx")
    .on("push_deliveries")
    .unique()
    .columns(["subscription_id", "notification_id"])
    .execute();
  await db.schema.createIndex("push_deliveries_available_idx").on("push_deliveries").columns(["available_at", "id"]).execute();
}

/** Drops the Web Push tables. */
export async function down(db: AnyDb): Promise<void> {
  for (const table of ["push_deliveries", "push_subscriptions", "vapid_keys"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
