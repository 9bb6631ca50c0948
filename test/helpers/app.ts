// A single Parley instance on its own test database, driven through
// app.fetch (no network): the cheapest way to test HTTP behaviour.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, type ParleyApp } from "../../src/app.ts";
import type { Config } from "../../src/config.ts";
import { dropTestDatabase, testDatabaseConfig } from "./database.ts";

/** Starts an instance whose public URL is publicUrl (nothing listens; use app.fetch). */
export async function startTestApp(publicUrl = "https://parley.test", overrides: Partial<Config> = {}): Promise<ParleyApp & { dispose(): Promise<void> }> {
  const database = testDatabaseConfig("app");
  // Uploaded media and other local files go to a temp folder, never into the repository.
  const dataDir = mkdtempSync(join(tmpdir(), "parley-app-"));
  const app = await createApp({
    port: 0,
    host: "127.0.0.1",
    publicUrl: new URL(publicUrl),
    dataDir,
    database,
    allowPrivateAddress: false,
    runQueue: false,
    logLevel: "warning",
    registrations: "closed",
    ...overrides,
  });
  return Object.assign(app, {
    async dispose() {
      await app.close();
      await dropTestDatabase(database);
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
