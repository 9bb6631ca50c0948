// Automatic moderation rules and the pending-review hold of statuses
// (docs/adr/0025-automatic-rules-and-holds.md). Frozen once applied; imports
// nothing from the app.
import { type Kysely, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates moderation_rules, moderation_rule_matches and status_holds, and statuses.held_at. */
export async function up(db: AnyDb): Promise<void> {
  const idType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint";

  await db.schema
    .createTable("moderation_rules")
    .addColumn("id", idType, (c) => c.primaryKey())
    // keyword, regex, mention_flood, link_spam
    .addColumn("kind", "text", (c) => c.notNull())
    // The keyword or regular expression; null for the other kinds.
    .addColumn("pattern", "text")
    // JSON array of what a keyword or regex rule reads: text, spoiler, alt_text, display_name, bio, link_domains.
    .addColumn("fields", "text", (c) => c.notNull().defaultTo("[]"))
    // JSON of the thresholds of mention_flood and link_spam rules.
    .addColumn("params", "text", (c) => c.notNull().defaultTo("{}"))
    // flag, hold, sensitive, reject
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("dry_run", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("matches_count", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("last_matched_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  // The last few things each rule matched, so an operator sees what a dry run would do.
  await db.schema
    .createTable("moderation_rule_matches")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("rule_id", "bigint", (c) => c.notNull().references("moderation_rules.id").onDelete("cascade"))
    // status or account
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_uri", "text")
    .addColumn("account_id", "bigint")
    .addColumn("excerpt", "text", (c) => c.notNull())
    .addColumn("dry_run", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("moderation_rule_matches_rule_idx").on("moderation_rule_matches").columns(["rule_id", "id"]).execute();

  // Statuses waiting for a moderator; the status itself carries held_at so every read can leave it out cheaply.
  await db.schema.alterTable("statuses").addColumn("held_at", "bigint").execute();
  await db.schema
    .createTable("status_holds")
    .addColumn("status_id", "bigint", (c) => c.primaryKey().references("statuses.id").onDelete("cascade"))
    .addColumn("rule_id", "bigint", (c) => c.references("moderation_rules.id").onDelete("set null"))
    // Who held it: a staff account, "cli" or "system" (a rule).
    .addColumn("actor_account_id", "bigint")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    // 1 when the status had already been delivered (timelines, notifications, federation) before the hold.
    .addColumn("published", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}
