// Account moderation: the warnings moderators give accounts (Mastodon's
// AccountWarning), the notification that tells the account of one, and
// partial indexes that keep "not suspended / not silenced" cheap to test on
// every timeline read. Frozen once applied; imports nothing from the app.
import { type Kysely, sql, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates account_warnings, notifications.account_warning_id and the moderation indexes. */
export async function up(db: AnyDb): Promise<void> {
  const idType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint";

  await db.schema
    .createTable("account_warnings")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    // Null for the operator's CLI and automatic rules.
    .addColumn("moderator_account_id", "bigint")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull().defaultTo(""))
    // JSON array of status ids the warning is about.
    .addColumn("status_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("report_id", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("account_warnings_account_idx").on("account_warnings").columns(["account_id", "id"]).execute();

  await db.schema.alterTable("notifications").addColumn("account_warning_id", "bigint").execute();

  // Few accounts are ever suspended or silenced: the indexes hold only those.
  await sql`CREATE INDEX accounts_suspended_idx ON accounts (id) WHERE suspended_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX accounts_silenced_idx ON accounts (id) WHERE silenced_at IS NOT NULL`.execute(db);
}
