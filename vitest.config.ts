// The suite runs twice: once on SQLite and once on PostgreSQL (when the test
// runner found or started one, see scripts/run-tests.ts). Unit tests that touch
// no database sit beside their source and run once.
import { defineConfig } from "vitest/config";

const postgresUrl = process.env.PARLEY_TEST_POSTGRES_URL;

export default defineConfig({
  test: {
    expect: { requireAssertions: true },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at a time: most of a federation test's time is spent waiting on
    // the network and on queues, so two overlap well on two cores. PostgreSQL
    // schemas are created and dropped under one advisory lock (db/index.ts
    // withSchemaChangeLock), so files never see each other's catalog changes.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "federation/**/*.test.ts", "db/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: { name: "sqlite", include: ["test/**/*.test.ts"], env: { PARLEY_TEST_DB: "sqlite" } },
      },
      ...(postgresUrl
        ? [{
          extends: true,
          test: {
            name: "postgres",
            include: ["test/**/*.test.ts"],
            env: { PARLEY_TEST_DB: "postgres", PARLEY_TEST_POSTGRES_URL: postgresUrl },
          },
        }]
        : []),
    ],
  },
});
