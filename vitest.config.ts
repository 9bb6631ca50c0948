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
    // Most tests wait on sockets and queues rather than the CPU: on a 2-core
    // machine vitest's default (cores - 1 = one worker) leaves it idle.
    maxWorkers: 3,
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
