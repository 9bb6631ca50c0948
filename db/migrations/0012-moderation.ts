// Moderation's foundation: the append-only audit log, and the moderation
// state of accounts (suspended, silenced, media marked sensitive) and of
// users (login disabled). Frozen once applied; imports nothing from the app.
import { type Kysely, sql, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates audit_log (refusing UPDATE and DELETE) and adds the moderation columns. */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const idType = sqlite ? "integer" : "bigint";

  await db.schema
    .createTable("audit_log")
    .addColumn("id", idType, (c) => c.primaryKey())
    // Who acted: a local account, or null for the operator's CLI and automatic rules.
    .addColumn("actor_account_id", "bigint")
    // Kept as text so an entry outlives its actor's account.
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("data", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_target_idx").on("audit_log").columns(["target_type", "target_id", "id"]).execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_account_id", "id"]).execute();

  // Nothing edits the log: the database itself refuses, whatever the code does.
  if (sqlite) {
    for (const verb of ["UPDATE", "DELETE"]) {
      await sql.raw(`CREATE TRIGGER audit_log_no_${verb.toLowerCase()} BEFORE ${verb} ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`).execute(db);
    }
  } else {
    await sql.raw(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`).execute(db);
    await sql.raw(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`).execute(db);
  }

  for (const column of ["suspended_at", "silenced_at", "sensitized_at"]) {
    await db.schema.alterTable("accounts").addColumn(column, "bigint").execute();
  }
  await db.schema.alterTable("users").addColumn("disabled_at", "bigint").execute();
}
