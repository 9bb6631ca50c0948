// Who may sign up: invites (with expiry and a use count), email domain
// blocks, canonical email blocks (one person's address however spelled) and
// IP blocks. Frozen once applied; imports nothing from the app.
import { type Kysely, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

/** Creates the invite and sign-up block tables, and links a sign-up to its invite. */
export async function up(db: AnyDb): Promise<void> {
  const idType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint";

  await db.schema
    .createTable("invites")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    // The inviter; null when the operator made it at the command line.
    .addColumn("account_id", "bigint", (c) => c.references("accounts.id").onDelete("cascade"))
    .addColumn("max_uses", "integer")
    .addColumn("uses", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expires_at", "bigint")
    .addColumn("comment", "text")
    .addColumn("revoked_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("account_registrations").addColumn("invite_id", "bigint").execute();

  await db.schema
    .createTable("email_domain_blocks")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("domain", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("canonical_email_blocks")
    .addColumn("id", idType, (c) => c.primaryKey())
    // SHA-256 hex of the canonical address; the address itself is not kept.
    .addColumn("canonical_email_hash", "text", (c) => c.notNull().unique())
    .addColumn("reference_account_id", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("ip_blocks")
    .addColumn("id", idType, (c) => c.primaryKey())
    // An address or a CIDR range, normalized ("192.0.2.0/24", "2001:db8::/32").
    .addColumn("ip", "text", (c) => c.notNull().unique())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("expires_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}
