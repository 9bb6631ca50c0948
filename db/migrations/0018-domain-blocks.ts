// Federation controls (docs/adr/0024-domain-blocks.md): the instance's domain
// blocks and domain allows, and the blocklists the operator subscribes to.
// Frozen once applied; imports nothing from the app.
import { type Kysely, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates domain_blocks, domain_allows and blocklist_subscriptions. */
export async function up(db: AnyDb): Promise<void> {
  const idType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint";

  await db.schema
    .createTable("blocklist_subscriptions")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("url", "text", (c) => c.notNull().unique())
    // 1: changes are applied as soon as they are fetched; 0: they wait for review.
    .addColumn("auto_apply", "integer", (c) => c.notNull().defaultTo(0))
    // The entries of the list as last fetched (JSON), and the changes not yet applied (JSON).
    .addColumn("pending", "text")
    .addColumn("last_fetched_at", "bigint")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("domain_blocks")
    .addColumn("id", idType, (c) => c.primaryKey())
    // Lowercase host (punycode, port kept when given); covers its subdomains.
    .addColumn("domain", "text", (c) => c.notNull().unique())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("reject_media", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reject_reports", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("private_comment", "text")
    .addColumn("public_comment", "text")
    .addColumn("obfuscate", "integer", (c) => c.notNull().defaultTo(0))
    // The subscription the block came from; null for a block made here.
    .addColumn("subscription_id", "bigint", (c) => c.references("blocklist_subscriptions.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("domain_blocks_subscription_idx").on("domain_blocks").column("subscription_id").execute();

  await db.schema
    .createTable("domain_allows")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("domain", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}
