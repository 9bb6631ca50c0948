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
    // One file at a time (vitest's default on 2 cores): PostgreSQL test schemas
    // are dropped while other files introspect the catalog, which races, and
    // the durability test's SIGKILLed worker needs the CPU it waits on.
    maxWorkers: 1,
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
