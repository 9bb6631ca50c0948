// Opens the database: Kysely over better-sqlite3 (WAL) by default, over pg
// when the configuration names PostgreSQL. Same schema, same queries.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { BigIntResultPlugin, fromInt64 } from "./bigint-values.ts";
import { withStatementCache } from "./sqlite-statement-cache.ts";
import { migrationProvider } from "./migrations/index.ts";
import type { Database } from "./schema/index.ts";

export type DatabaseConfig =
  | { kind: "sqlite"; path: string }
  | { kind: "postgres"; url: string; schema?: string; poolSize?: number };

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseConfig["kind"];
  config: DatabaseConfig;
  /** Closes every connection. */
  close(): Promise<void>;
}

export type Db = Kysely<Database>;

// int8 (bigint) and numeric count(*) results: numbers when exact, else strings.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8_OID) return (value: string) => fromInt64(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

/** Opens a database handle; creates the SQLite file's folder when needed. */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.kind === "sqlite") {
    if (config.path !== ":memory:") mkdirSync(dirname(config.path), { recursive: true });
    const sqlite = new BetterSqlite3(config.path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.defaultSafeIntegers(true);
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      plugins: [new BigIntResultPlugin()],
    });
    return { db, kind: "sqlite", config, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    types: pgTypes,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: "postgres", config, close: () => db.destroy() };
}

/** The advisory lock key held while a PostgreSQL schema is migrated or dropped (any 64-bit value unique to Parley). */
export const SCHEMA_CHANGE_LOCK = 7_351_203_911;

/**
 * Runs fn holding SCHEMA_CHANGE_LOCK on the server: web and worker processes
 * starting together migrate one after another, and Kysely's migrator, which
 * lists the tables of every schema, never reads the catalog while a schema is dropped.
 */
export async function withSchemaChangeLock<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [SCHEMA_CHANGE_LOCK]);
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Applies pending migrations; throws with the failing migration's error. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  const { config } = handle;
  if (config.kind === "postgres") await withSchemaChangeLock(config.url, () => migrateUnlocked(handle));
  else await migrateUnlocked(handle);
}

async function migrateUnlocked(handle: DatabaseHandle): Promise<void> {
  if (handle.config.kind === "postgres" && handle.config.schema) {
    await handle.db.schema.createSchema(handle.config.schema).ifNotExists().execute();
  }
  // Kysely looks for its bookkeeping tables in any schema unless told which one.
  const schema = handle.config.kind === "postgres" ? handle.config.schema : undefined;
  // Migrations are written in parallel and numbered when started, so one may land after a
  // higher-numbered one was applied; each touches only its own tables and columns, and
  // Kysely runs the missing ones in name order (docs/adr/0002-one-schema-two-databases.md).
  const migrator = new Migrator({
    db: handle.db,
    provider: migrationProvider,
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${String(error)}`, { cause: error });
  }
}
