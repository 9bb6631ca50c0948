// The ledger of stored media files: every file Parley writes (attachment
// originals, previews and thumbnails, avatars and headers) is recorded here
// before it is written, so none can be forgotten by a crash or a cascading
// delete (docs/adr/0010-media-storage.md). Frozen once applied; imports
// nothing from the app.
import type { Kysely } from "kysely";

type AnyDb = Kysely<any>;

/** Creates media_files. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("media_files")
    .addColumn("key", "text", (c) => c.primaryKey())
    // Set to null when the attachment goes (status or account deleted): the file is then an orphan.
    .addColumn("media_attachment_id", "bigint", (c) => c.references("media_attachments.id").onDelete("set null"))
    .addColumn("style", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("media_files_attachment_idx").on("media_files").column("media_attachment_id").execute();
  await db.schema.createIndex("media_files_sweep_idx").on("media_files").columns(["style", "created_at"]).execute();
}

/** Drops media_files. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("media_files").ifExists().execute();
}
