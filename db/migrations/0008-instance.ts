// The instance as an operator describes it (settings such as title, contact
// and terms; rules; announcements with their dismissals and reactions; local
// custom emoji) and each user's content filters with their keywords and
// statuses. Frozen once applied; imports nothing from the app.
import { type ColumnDefinitionBuilder, type Kysely, sql, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates the instance, announcement, custom emoji and filter tables. */
export async function up(db: AnyDb): Promise<void> {
  const idType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint";
  const account = (c: ColumnDefinitionBuilder) => c.notNull().references("accounts.id").onDelete("cascade");

  // One row per setting the operator changed; absent keys take the app's defaults.
  await db.schema
    .createTable("instance_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("instance_rules")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("hint", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("announcements")
    .addColumn("id", idType, (c) => c.primaryKey())
    // The operator's source text and its rendered HTML.
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("starts_at", "bigint")
    .addColumn("ends_at", "bigint")
    .addColumn("all_day", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("announcements_published_idx").on("announcements").columns(["published_at", "id"]).execute();

  await db.schema
    .createTable("announcement_dismissals")
    .addColumn("announcement_id", "bigint", (c) => c.notNull().references("announcements.id").onDelete("cascade"))
    .addColumn("account_id", "bigint", account)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("announcement_dismissals_pk", ["announcement_id", "account_id"])
    .execute();

  await db.schema
    .createTable("custom_emojis")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("shortcode", "text", (c) => c.notNull())
    // null for local emoji; remote emoji stay inline on statuses and accounts for now.
    .addColumn("domain", "text")
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("static_url", "text", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("visible_in_picker", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("custom_emojis_shortcode_idx")
    .on("custom_emojis")
    .unique()
    .expression(sql`shortcode, coalesce(domain, '')`)
    .execute();

  // name is a unicode emoji or a local custom emoji's shortcode (custom_emoji_id set).
  await db.schema
    .createTable("announcement_reactions")
    .addColumn("announcement_id", "bigint", (c) => c.notNull().references("announcements.id").onDelete("cascade"))
    .addColumn("account_id", "bigint", account)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("custom_emoji_id", "bigint", (c) => c.references("custom_emojis.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("announcement_reactions_pk", ["announcement_id", "account_id", "name"])
    .execute();
  await db.schema.createIndex("announcement_reactions_name_idx").on("announcement_reactions").columns(["announcement_id", "name"]).execute();

  await db.schema
    .createTable("filters")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", account)
    .addColumn("title", "text", (c) => c.notNull())
    // JSON array of contexts: home, notifications, public, thread, account.
    .addColumn("context", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull().defaultTo("warn"))
    .addColumn("expires_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("filters_account_idx").on("filters").columns(["account_id", "id"]).execute();

  await db.schema
    .createTable("filter_keywords")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("filter_id", "bigint", (c) => c.notNull().references("filters.id").onDelete("cascade"))
    .addColumn("keyword", "text", (c) => c.notNull())
    .addColumn("whole_word", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("filter_keywords_filter_idx").on("filter_keywords").columns(["filter_id", "id"]).execute();

  await db.schema
    .createTable("filter_statuses")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("filter_id", "bigint", (c) => c.notNull().references("filters.id").onDelete("cascade"))
    .addColumn("status_id", "bigint", (c) => c.notNull().references("statuses.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("filter_statuses_pair_idx").on("filter_statuses").unique().columns(["filter_id", "status_id"]).execute();
  await db.schema.createIndex("filter_statuses_status_idx").on("filter_statuses").column("status_id").execute();
}

/** Drops what up() created. */
export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "filter_statuses", "filter_keywords", "filters", "announcement_reactions", "custom_emojis",
    "announcement_dismissals", "announcements", "instance_rules", "instance_settings",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
