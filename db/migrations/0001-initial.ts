// The initial schema. Frozen: once applied anywhere it is never edited; later
// changes are new migrations. It imports nothing from the app on purpose.
import { type Kysely, sql, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates every table of the core. */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // On SQLite only "integer primary key" aliases the rowid (64-bit, fastest).
  const idType = sqlite ? "integer" : "bigint";

  await db.schema
    .createTable("accounts")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("domain", "text")
    .addColumn("display_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("avatar_url", "text")
    .addColumn("header_url", "text")
    .addColumn("fields", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("emojis", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("locked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("bot", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("discoverable", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("actor_type", "text", (c) => c.notNull().defaultTo("Person"))
    .addColumn("uri", "text", (c) => c.notNull().unique())
    .addColumn("url", "text")
    .addColumn("inbox_url", "text", (c) => c.notNull())
    .addColumn("shared_inbox_url", "text")
    .addColumn("outbox_url", "text")
    .addColumn("followers_url", "text")
    .addColumn("following_url", "text")
    .addColumn("featured_url", "text")
    .addColumn("public_keys", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("also_known_as", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("moved_to_account_id", "bigint")
    .addColumn("followers_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("following_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("statuses_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_status_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("fetched_at", "bigint")
    .addColumn("deleted_at", "bigint")
    .execute();
  // One account per handle; local accounts have no domain.
  await db.schema
    .createIndex("accounts_handle_idx")
    .on("accounts")
    .unique()
    .expression(sql`lower(username), coalesce(domain, '')`)
    .execute();
  await db.schema.createIndex("accounts_domain_idx").on("accounts").column("domain").execute();

  await db.schema
    .createTable("users")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) => c.notNull().unique().references("accounts.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().defaultTo("user"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_email_idx").on("users").unique().expression(sql`lower(email)`).execute();

  await db.schema
    .createTable("key_pairs")
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("algorithm", "text", (c) => c.notNull())
    .addColumn("private_jwk", "text", (c) => c.notNull())
    .addColumn("public_jwk", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("key_pairs_pk", ["account_id", "algorithm"])
    .execute();

  for (const table of ["follows", "follow_requests"]) {
    await db.schema
      .createTable(table)
      .addColumn("id", idType, (c) => c.primaryKey())
      .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("target_account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("uri", "text", (c) => c.notNull())
      .addColumn("show_reblogs", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("notify", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex(`${table}_pair_idx`)
      .on(table)
      .unique()
      .columns(["account_id", "target_account_id"])
      .execute();
    await db.schema.createIndex(`${table}_target_idx`).on(table).columns(["target_account_id", "account_id"]).execute();
    await db.schema.createIndex(`${table}_uri_idx`).on(table).column("uri").execute();
  }

  await db.schema
    .createTable("blocks")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("target_account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("uri", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("blocks_pair_idx").on("blocks").unique().columns(["account_id", "target_account_id"]).execute();
  await db.schema.createIndex("blocks_target_idx").on("blocks").columns(["target_account_id", "account_id"]).execute();

  await db.schema
    .createTable("statuses")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("uri", "text", (c) => c.notNull().unique())
    .addColumn("url", "text")
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("local", "integer", (c) => c.notNull())
    .addColumn("in_reply_to_id", "bigint")
    .addColumn("in_reply_to_uri", "text")
    .addColumn("in_reply_to_account_id", "bigint")
    .addColumn("reblog_of_id", "bigint", (c) => c.references("statuses.id").onDelete("cascade"))
    .addColumn("object_type", "text", (c) => c.notNull().defaultTo("Note"))
    .addColumn("content", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("text", "text")
    .addColumn("name", "text")
    .addColumn("spoiler_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sensitive", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("language", "text")
    .addColumn("emojis", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("poll", "text", (c) => c.notNull().defaultTo("null"))
    .addColumn("replies_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reblogs_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("favourites_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("edited_at", "bigint")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("statuses_account_idx").on("statuses").columns(["account_id", "id"]).execute();
  await db.schema.createIndex("statuses_reply_idx").on("statuses").columns(["in_reply_to_id"]).execute();
  await db.schema.createIndex("statuses_reply_uri_idx").on("statuses").columns(["in_reply_to_uri"]).execute();
  await db.schema.createIndex("statuses_reblog_idx").on("statuses").columns(["reblog_of_id", "account_id"]).execute();
  await db.schema.createIndex("statuses_public_idx").on("statuses").columns(["visibility", "id"]).execute();

  await db.schema
    .createTable("status_edits")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("status_id", "bigint", (c) => c.notNull().references("statuses.id").onDelete("cascade"))
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("spoiler_text", "text", (c) => c.notNull())
    .addColumn("sensitive", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("status_edits_status_idx").on("status_edits").columns(["status_id", "id"]).execute();

  await db.schema
    .createTable("mentions")
    .addColumn("status_id", "bigint", (c) => c.notNull().references("statuses.id").onDelete("cascade"))
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("mentions_pk", ["status_id", "account_id"])
    .execute();
  await db.schema.createIndex("mentions_account_idx").on("mentions").columns(["account_id", "status_id"]).execute();

  await db.schema
    .createTable("tags")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("status_tags")
    .addColumn("status_id", "bigint", (c) => c.notNull().references("statuses.id").onDelete("cascade"))
    .addColumn("tag_id", "bigint", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("status_tags_pk", ["status_id", "tag_id"])
    .execute();
  await db.schema.createIndex("status_tags_tag_idx").on("status_tags").columns(["tag_id", "status_id"]).execute();

  await db.schema
    .createTable("favourites")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("status_id", "bigint", (c) => c.notNull().references("statuses.id").onDelete("cascade"))
    .addColumn("uri", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("favourites_pair_idx").on("favourites").unique().columns(["account_id", "status_id"]).execute();
  await db.schema.createIndex("favourites_status_idx").on("favourites").columns(["status_id"]).execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("from_account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("status_id", "bigint", (c) => c.references("statuses.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("notifications_account_idx").on("notifications").columns(["account_id", "id"]).execute();

  await db.schema
    .createTable("media_attachments")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("status_id", "bigint", (c) => c.references("statuses.id").onDelete("cascade"))
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("remote_url", "text")
    .addColumn("url", "text")
    .addColumn("preview_url", "text")
    .addColumn("media_type", "text")
    .addColumn("description", "text")
    .addColumn("blurhash", "text")
    .addColumn("meta", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("media_status_idx").on("media_attachments").columns(["status_id", "position"]).execute();

  await db.schema
    .createTable("home_timeline_entries")
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("status_id", "bigint", (c) => c.notNull().references("statuses.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("home_timeline_entries_pk", ["account_id", "status_id"])
    .execute();
  await db.schema.createIndex("home_timeline_status_idx").on("home_timeline_entries").column("status_id").execute();

  await db.schema
    .createTable("outbox_events")
    .addColumn("id", sqlite ? "integer" : "bigserial", (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("claimed_until", "bigint")
    .execute();

  await db.schema
    .createTable("fedify_kv")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint")
    .execute();
  await db.schema.createIndex("fedify_kv_expires_idx").on("fedify_kv").column("expires_at").execute();

  await db.schema
    .createTable("fedify_messages")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("ordering_key", "text")
    .addColumn("available_at", "bigint", (c) => c.notNull())
    .addColumn("locked_until", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("fedify_messages_ready_idx")
    .on("fedify_messages")
    .columns(["available_at", "id"])
    .execute();
}

/** Drops everything (used only by tests that rebuild a schema). */
export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "fedify_messages", "fedify_kv", "outbox_events", "home_timeline_entries", "media_attachments",
    "notifications", "favourites", "status_tags", "tags", "mentions", "status_edits", "statuses",
    "blocks", "follow_requests", "follows", "key_pairs", "users", "accounts",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
