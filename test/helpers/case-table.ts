// Table-driven suites (test/hostile): each area is one table of named cases,
// run by one loop, and a last test reports how many of them ran and passed.
import { expect, it } from "vitest";

export interface Case {
  name: string;
  run(): Promise<void>;
  /** For a case whose own deadlines outlast vitest's default test timeout. */
  timeoutMs?: number;
}

/** Registers one test per case, then one that prints and checks the count that passed. */
export function runCases(area: string, cases: readonly Case[]): void {
  let passed = 0;
  for (const { name, run, timeoutMs } of cases) {
    it(name, async () => {
      await run();
      passed++;
    }, timeoutMs);
  }
  it(`ran all ${cases.length} ${area} cases`, () => {
    console.info(`hostile input, ${area}: ${passed} of ${cases.length} cases passed`);
    expect(passed).toBe(cases.length);
  });
}
