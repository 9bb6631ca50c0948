// What a user keeps about other accounts and tags: mutes, private notes,
// endorsements, domain blocks, followed and featured tags, dismissed
// suggestions, the languages of a follow, and the user's posting defaults.
// Frozen once applied; imports nothing from the app.
import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates the relationship tables. */
export async function up(db: AnyDb): Promise<void> {
  const idType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint";
  const account = (c: ColumnDefinitionBuilder) => c.notNull().references("accounts.id").onDelete("cascade");

  await db.schema
    .createTable("mutes")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", account)
    .addColumn("target_account_id", "bigint", account)
    .addColumn("hide_notifications", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("expires_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mutes_pair_idx").on("mutes").unique().columns(["account_id", "target_account_id"]).execute();
  await db.schema.createIndex("mutes_target_idx").on("mutes").columns(["target_account_id", "account_id"]).execute();

  await db.schema
    .createTable("account_notes")
    .addColumn("account_id", "bigint", account)
    .addColumn("target_account_id", "bigint", account)
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("account_notes_pk", ["account_id", "target_account_id"])
    .execute();

  await db.schema
    .createTable("account_pins")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", account)
    .addColumn("target_account_id", "bigint", account)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("account_pins_pair_idx").on("account_pins").unique().columns(["account_id", "target_account_id"]).execute();

  await db.schema
    .createTable("account_domain_blocks")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", account)
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("account_domain_blocks_pair_idx")
    .on("account_domain_blocks")
    .unique()
    .columns(["account_id", "domain"])
    .execute();
  await db.schema.createIndex("account_domain_blocks_domain_idx").on("account_domain_blocks").columns(["domain", "account_id"]).execute();

  await db.schema
    .createTable("follow_languages")
    .addColumn("account_id", "bigint", account)
    .addColumn("target_account_id", "bigint", account)
    .addColumn("languages", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("follow_languages_pk", ["account_id", "target_account_id"])
    .execute();

  for (const table of ["tag_follows", "featured_tags"]) {
    await db.schema
      .createTable(table)
      .addColumn("id", idType, (c) => c.primaryKey())
      .addColumn("account_id", "bigint", account)
      .addColumn("tag_id", "bigint", (c) => c.notNull().references("tags.id").onDelete("cascade"))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${table}_pair_idx`).on(table).unique().columns(["account_id", "tag_id"]).execute();
    await db.schema.createIndex(`${table}_tag_idx`).on(table).columns(["tag_id", "account_id"]).execute();
  }

  await db.schema
    .createTable("suggestion_dismissals")
    .addColumn("account_id", "bigint", account)
    .addColumn("target_account_id", "bigint", account)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("suggestion_dismissals_pk", ["account_id", "target_account_id"])
    .execute();

  await db.schema
    .createTable("user_settings")
    .addColumn("account_id", "bigint", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    .addColumn("default_privacy", "text", (c) => c.notNull().defaultTo("public"))
    .addColumn("default_sensitive", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("default_language", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

/** Drops the relationship tables. */
export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "user_settings", "suggestion_dismissals", "featured_tags", "tag_follows", "follow_languages",
    "account_domain_blocks", "account_pins", "account_notes", "mutes",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
