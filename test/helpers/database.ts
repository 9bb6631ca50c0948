// Each test gets its own fresh, migrated database: a new SQLite file in a temp
// folder, or a new schema on the PostgreSQL server the test runner provides
// (PARLEY_TEST_DB=postgres with PARLEY_TEST_POSTGRES_URL, see scripts/run-tests.ts).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { type DatabaseConfig, type DatabaseHandle, migrateToLatest, openDatabase, withSchemaChangeLock } from "../../db/index.ts";

const TEMP_PREFIX = "parley-test-";

/** Which dialect this test run uses, from PARLEY_TEST_DB ("sqlite" by default). */
export function testDialect(): DatabaseConfig["kind"] {
  const kind = process.env.PARLEY_TEST_DB ?? "sqlite";
  if (kind !== "sqlite" && kind !== "postgres") throw new Error(`PARLEY_TEST_DB must be sqlite or postgres, got "${kind}"`);
  return kind;
}

/**
 * A configuration naming a new, empty database for this run's dialect: a file
 * in a new temp folder, or a new schema (created by migrateToLatest).
 * Remove it with dropTestDatabase().
 */
export function testDatabaseConfig(label: string): DatabaseConfig {
  const safeLabel = label.toLowerCase().replace(/[^a-z0-9]+/g, "_").slice(0, 30);
  if (testDialect() === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${safeLabel}-`));
    return { kind: "sqlite", path: join(dir, "parley.sqlite") };
  }
  const url = process.env.PARLEY_TEST_POSTGRES_URL;
  if (!url) throw new Error("PARLEY_TEST_DB=postgres needs PARLEY_TEST_POSTGRES_URL");
  return { kind: "postgres", url, schema: `t_${safeLabel}_${randomBytes(6).toString("hex")}`, poolSize: 5 };
}

/** Removes what testDatabaseConfig() named: the PostgreSQL schema or the SQLite temp folder. */
export async function dropTestDatabase(config: DatabaseConfig): Promise<void> {
  if (config.kind === "sqlite") {
    const dir = dirname(config.path);
    // Only ever remove a folder this helper made.
    if (dirname(dir) === tmpdir() && basename(dir).startsWith(TEMP_PREFIX)) rmSync(dir, { recursive: true, force: true });
    return;
  }
  if (!config.schema?.startsWith("t_")) return;
  // Not while another test file's migrator reads the catalog.
  await withSchemaChangeLock(config.url, (client) => client.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`));
}

/**
 * Opens a fresh, migrated database for one test. Its close() closes the
 * connections and then drops the database, so a test cleans up with one call.
 */
export async function openTestDatabase(label = "db"): Promise<DatabaseHandle> {
  const config = testDatabaseConfig(label);
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle);
  } catch (error) {
    await handle.close();
    await dropTestDatabase(config);
    throw error;
  }
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await dropTestDatabase(config);
    },
  };
}
