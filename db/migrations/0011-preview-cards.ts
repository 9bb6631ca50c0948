// Preview cards (Mastodon's PreviewCard): one row per fetched link, the link
// from a status to the card of its first shared link, and the fetches still
// to do (a durable job table: written in the status's transaction, taken with
// a lease by the process that runs the queue). Frozen once applied; imports
// nothing from the app.
import { type Kysely, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates preview_cards, status_preview_cards and preview_card_fetches. */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const idType = sqlite ? "integer" : "bigint";

  await db.schema
    .createTable("preview_cards")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("url", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    // link, photo or video
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("author_url", "text", (c) => c.notNull())
    .addColumn("provider_name", "text", (c) => c.notNull())
    .addColumn("provider_url", "text", (c) => c.notNull())
    .addColumn("html", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    // A remote reference: the image stays where the page says it is.
    .addColumn("image_url", "text")
    .addColumn("embed_url", "text", (c) => c.notNull())
    .addColumn("blurhash", "text")
    .addColumn("language", "text")
    .addColumn("published_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("status_preview_cards")
    .addColumn("status_id", "bigint", (c) => c.primaryKey().references("statuses.id").onDelete("cascade"))
    .addColumn("preview_card_id", "bigint", (c) => c.notNull().references("preview_cards.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("status_preview_cards_card_idx").on("status_preview_cards").columns(["preview_card_id", "status_id"]).execute();

  await db.schema
    .createTable("preview_card_fetches")
    .addColumn("status_id", "bigint", (c) => c.primaryKey().references("statuses.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("available_at", "bigint", (c) => c.notNull())
    .addColumn("locked_until", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("preview_card_fetches_available_idx").on("preview_card_fetches").columns(["available_at", "status_id"]).execute();
}

/** Drops the preview card tables. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("preview_card_fetches").execute();
  await db.schema.dropTable("status_preview_cards").execute();
  await db.schema.dropTable("preview_cards").execute();
}
