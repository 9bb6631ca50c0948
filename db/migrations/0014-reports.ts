// Reports: what users (local, or remote instances through Flag) file against
// an account and its statuses, the moderators' notes on them, and the keys of
// the instance actor that signs forwarded reports. Frozen once applied;
// imports nothing from the app.
import { type Kysely, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates reports, report_notes and instance_actor_keys. */
export async function up(db: AnyDb): Promise<void> {
  const idType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint";

  await db.schema
    .createTable("reports")
    .addColumn("id", idType, (c) => c.primaryKey())
    // The filer: a local account, or the (instance) actor of a remote server.
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("target_account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("status_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("rule_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("forwarded", "integer", (c) => c.notNull().defaultTo(0))
    // The Flag's id: the inbound one, or the one Parley sent when forwarding.
    .addColumn("uri", "text")
    .addColumn("assigned_account_id", "bigint", (c) => c.references("accounts.id").onDelete("set null"))
    .addColumn("action_taken_at", "bigint")
    .addColumn("action_taken_by_account_id", "bigint", (c) => c.references("accounts.id").onDelete("set null"))
    // What the resolving moderator did ("none", "suspend", ...).
    .addColumn("action_taken", "text")
    // The outcome a remote instance sent back for a report forwarded to it (Parley's extension).
    .addColumn("remote_action_taken", "text")
    .addColumn("remote_resolved_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reports_open_idx").on("reports").columns(["action_taken_at", "id"]).execute();
  await db.schema.createIndex("reports_account_idx").on("reports").columns(["account_id", "id"]).execute();
  await db.schema.createIndex("reports_target_idx").on("reports").columns(["target_account_id", "id"]).execute();
  await db.schema.createIndex("reports_uri_idx").on("reports").column("uri").execute();

  await db.schema
    .createTable("report_notes")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("report_id", "bigint", (c) => c.notNull().references("reports.id").onDelete("cascade"))
    // The staff account that wrote it; null for the CLI and Parley itself.
    .addColumn("account_id", "bigint", (c) => c.references("accounts.id").onDelete("set null"))
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("report_notes_report_idx").on("report_notes").columns(["report_id", "id"]).execute();

  // The instance actor is no account: its keys live here, made on first use.
  await db.schema
    .createTable("instance_actor_keys")
    .addColumn("algorithm", "text", (c) => c.primaryKey())
    .addColumn("private_jwk", "text", (c) => c.notNull())
    .addColumn("public_jwk", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}
