// A single Parley instance on its own test database, driven through
// app.fetch (no network): the cheapest way to test HTTP behaviour.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, type ParleyApp } from "../../src/app.ts";
import type { Config } from "../../src/config.ts";
import { dropTestDatabase, testDatabaseConfig } from "./database.ts";

/**
 * The strict rate limits (sign-up, sign-in, app registration, posting, media) turned off:
 * suites register apps and sign in far more often than a person. test/hostile turns them on.
 */
export const STRICT_RATE_LIMITS_OFF = { "sign-up-api": 0, "sign-up-form": 0, "sign-in": 0, "sign-in-account": 0, apps: 0, statuses: 0, media: 0 };

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
    rateLimitOverrides: STRICT_RATE_LIMITS_OFF,
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
