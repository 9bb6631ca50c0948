// Sign-ups: who registered through an app or the sign-up page, why, and
// whether a moderator approved them yet (docs/adr/0009-oauth.md). Frozen once
// applied; imports nothing from the app.
import type { Kysely } from "kysely";

type AnyDb = Kysely<any>;

/** Creates account_registrations: one row per signed-up account; approved_at null while pending. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("account_registrations")
    .addColumn("account_id", "bigint", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    // The app that called POST /api/v1/accounts; null for the sign-up page.
    .addColumn("application_id", "bigint", (c) => c.references("oauth_applications.id").onDelete("set null"))
    .addColumn("reason", "text")
    .addColumn("locale", "text")
    .addColumn("approved_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("account_registrations_pending_idx").on("account_registrations").columns(["approved_at", "created_at"]).execute();
}

/** Drops account_registrations. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("account_registrations").ifExists().execute();
}
