// What the status endpoints keep besides the status itself: bookmarks, pins,
// muted threads, poll votes and poll deadlines, scheduled statuses and
// idempotency keys; on statuses, the thread and the posting application; on
// edits, the poll options and media of each revision.
// Frozen once applied; imports nothing from the app.
import { type ColumnDefinitionBuilder, type Kysely, sql, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

// Enough passes for any thread a backfill can meet; each pass reaches one level deeper.
const BACKFILL_PASSES = 64;

/** Creates the tables and columns; fills statuses.thread_id for existing rows. */
export async function up(db: AnyDb): Promise<void> {
  const idType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint";
  const account = (c: ColumnDefinitionBuilder) => c.notNull().references("accounts.id").onDelete("cascade");
  const status = (c: ColumnDefinitionBuilder) => c.notNull().references("statuses.id").onDelete("cascade");

  // The root of a status's thread (Mastodon's conversation), for muting a conversation.
  await db.schema.alterTable("statuses").addColumn("thread_id", "bigint").execute();
  // No foreign key: SQLite cannot drop a column that has one; a missing application shows as none.
  await db.schema.alterTable("statuses").addColumn("application_id", "bigint").execute();
  await db.updateTable("statuses").set({ thread_id: sql.ref("id") }).where("in_reply_to_id", "is", null).execute();
  for (let pass = 0; pass < BACKFILL_PASSES; pass++) {
    const parentThread = sql`(select p.thread_id from statuses p where p.id = statuses.in_reply_to_id)`;
    const result = await db
      .updateTable("statuses")
      .set({ thread_id: parentThread })
      .where("thread_id", "is", null)
      .where(sql<boolean>`${parentThread} is not null`)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) break;
  }
  // Replies whose parent is unknown start their own thread.
  await db.updateTable("statuses").set({ thread_id: sql.ref("id") }).where("thread_id", "is", null).execute();
  await db.schema.createIndex("statuses_thread_idx").on("statuses").columns(["thread_id", "id"]).execute();

  await db.schema.alterTable("status_edits").addColumn("media_ids", "text", (c) => c.notNull().defaultTo("[]")).execute();
  await db.schema.alterTable("status_edits").addColumn("poll_options", "text").execute();

  await db.schema
    .createTable("bookmarks")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", account)
    .addColumn("status_id", "bigint", status)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("bookmarks_pair_idx").on("bookmarks").unique().columns(["account_id", "status_id"]).execute();
  await db.schema.createIndex("bookmarks_account_idx").on("bookmarks").columns(["account_id", "id"]).execute();
  await db.schema.createIndex("bookmarks_status_idx").on("bookmarks").column("status_id").execute();

  await db.schema
    .createTable("status_pins")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", account)
    .addColumn("status_id", "bigint", status)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("status_pins_pair_idx").on("status_pins").unique().columns(["account_id", "status_id"]).execute();
  await db.schema.createIndex("status_pins_status_idx").on("status_pins").column("status_id").execute();

  await db.schema
    .createTable("conversation_mutes")
    .addColumn("account_id", "bigint", account)
    .addColumn("thread_id", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("conversation_mutes_pk", ["account_id", "thread_id"])
    .execute();

  await db.schema
    .createTable("poll_votes")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("status_id", "bigint", status)
    .addColumn("account_id", "bigint", account)
    .addColumn("choice", "integer", (c) => c.notNull())
    .addColumn("uri", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("poll_votes_choice_idx").on("poll_votes").unique().columns(["status_id", "account_id", "choice"]).execute();
  await db.schema.createIndex("poll_votes_account_idx").on("poll_votes").columns(["account_id", "status_id"]).execute();

  // Polls whose end has not been handled yet (notifications, the final Update).
  await db.schema
    .createTable("poll_deadlines")
    .addColumn("status_id", "bigint", (c) => c.primaryKey().references("statuses.id").onDelete("cascade"))
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("claimed_until", "bigint")
    .execute();
  await db.schema.createIndex("poll_deadlines_due_idx").on("poll_deadlines").columns(["expires_at"]).execute();

  await db.schema
    .createTable("scheduled_statuses")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", account)
    .addColumn("application_id", "bigint", (c) => c.references("oauth_applications.id").onDelete("set null"))
    .addColumn("scheduled_at", "bigint", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("claimed_until", "bigint")
    .execute();
  // Uploads a scheduled status will attach: kept from media cleanup, and never reserved twice.
  await db.schema
    .createTable("scheduled_status_media")
    .addColumn("scheduled_status_id", "bigint", (c) => c.notNull().references("scheduled_statuses.id").onDelete("cascade"))
    .addColumn("media_attachment_id", "bigint", (c) => c.notNull().unique().references("media_attachments.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("scheduled_statuses_due_idx").on("scheduled_statuses").columns(["scheduled_at"]).execute();
  await db.schema.createIndex("scheduled_statuses_account_idx").on("scheduled_statuses").columns(["account_id", "id"]).execute();

  await db.schema
    .createTable("idempotency_keys")
    .addColumn("account_id", "bigint", account)
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("status_id", "bigint", (c) => c.references("statuses.id").onDelete("cascade"))
    .addColumn("scheduled_status_id", "bigint", (c) => c.references("scheduled_statuses.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotency_keys_pk", ["account_id", "key"])
    .execute();
  await db.schema.createIndex("idempotency_keys_created_idx").on("idempotency_keys").column("created_at").execute();
}

/** Drops what up() created. */
export async function down(db: AnyDb): Promise<void> {
  for (const table of ["idempotency_keys", "scheduled_status_media", "scheduled_statuses", "poll_deadlines", "poll_votes", "conversation_mutes", "status_pins", "bookmarks"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.dropIndex("statuses_thread_idx").ifExists().execute();
  await db.schema.alterTable("status_edits").dropColumn("poll_options").execute();
  await db.schema.alterTable("status_edits").dropColumn("media_ids").execute();
  await db.schema.alterTable("statuses").dropColumn("application_id").execute();
  await db.schema.alterTable("statuses").dropColumn("thread_id").execute();
}
