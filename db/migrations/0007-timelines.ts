// Lists, markers, direct conversations, the notification policy with its
// requests and permissions, and grouping/filtering columns on notifications.
// Frozen once applied; imports nothing from the app.
import { type Kysely, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates the tables of timelines, lists, markers, conversations and notification filtering. */
export async function up(db: AnyDb): Promise<void> {
  const idType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint";

  await db.schema
    .createTable("lists")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("replies_policy", "text", (c) => c.notNull().defaultTo("list"))
    .addColumn("exclusive", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("lists_account_idx").on("lists").columns(["account_id", "id"]).execute();

  // A member stays only while the owner follows it: the row goes with the follow.
  await db.schema
    .createTable("list_accounts")
    .addColumn("list_id", "bigint", (c) => c.notNull().references("lists.id").onDelete("cascade"))
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("follow_id", "bigint", (c) => c.notNull().references("follows.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("list_accounts_pk", ["list_id", "account_id"])
    .execute();
  await db.schema.createIndex("list_accounts_account_idx").on("list_accounts").columns(["account_id", "list_id"]).execute();
  await db.schema.createIndex("list_accounts_follow_idx").on("list_accounts").column("follow_id").execute();

  await db.schema
    .createTable("markers")
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("timeline", "text", (c) => c.notNull())
    .addColumn("last_read_id", "bigint", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("markers_pk", ["account_id", "timeline"])
    .execute();

  await db.schema
    .createTable("conversations")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("thread_id", "bigint", (c) => c.notNull())
    .addColumn("participant_ids", "text", (c) => c.notNull())
    .addColumn("unread", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("conversations_key_idx")
    .on("conversations")
    .unique()
    .columns(["account_id", "thread_id", "participant_ids"])
    .execute();

  await db.schema
    .createTable("conversation_statuses")
    .addColumn("conversation_id", "bigint", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
    .addColumn("status_id", "bigint", (c) => c.notNull().references("statuses.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("conversation_statuses_pk", ["conversation_id", "status_id"])
    .execute();
  await db.schema.createIndex("conversation_statuses_status_idx").on("conversation_statuses").column("status_id").execute();

  await db.schema
    .createTable("notification_policies")
    .addColumn("account_id", "bigint", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    .addColumn("for_not_following", "text", (c) => c.notNull().defaultTo("accept"))
    .addColumn("for_not_followers", "text", (c) => c.notNull().defaultTo("accept"))
    .addColumn("for_new_accounts", "text", (c) => c.notNull().defaultTo("accept"))
    .addColumn("for_private_mentions", "text", (c) => c.notNull().defaultTo("filter"))
    .addColumn("for_limited_accounts", "text", (c) => c.notNull().defaultTo("filter"))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notification_requests")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("from_account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("last_status_id", "bigint", (c) => c.references("statuses.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notification_requests_pair_idx")
    .on("notification_requests")
    .unique()
    .columns(["account_id", "from_account_id"])
    .execute();

  await db.schema
    .createTable("notification_permissions")
    .addColumn("account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("from_account_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_permissions_pk", ["account_id", "from_account_id"])
    .execute();

  // Grouped notifications (API v2) and the policy's "filter" outcome.
  await db.schema.alterTable("notifications").addColumn("group_key", "text").execute();
  await db.schema.alterTable("notifications").addColumn("filtered", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex("notifications_group_idx").on("notifications").columns(["account_id", "group_key", "id"]).execute();
  await db.schema.createIndex("notifications_from_idx").on("notifications").columns(["account_id", "from_account_id", "id"]).execute();
}

/** Drops what up() created. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("notifications_from_idx").ifExists().execute();
  await db.schema.dropIndex("notifications_group_idx").ifExists().execute();
  await db.schema.alterTable("notifications").dropColumn("filtered").execute();
  await db.schema.alterTable("notifications").dropColumn("group_key").execute();
  for (const table of [
    "notification_permissions", "notification_requests", "notification_policies", "conversation_statuses",
    "conversations", "markers", "list_accounts", "lists",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
