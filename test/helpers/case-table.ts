// Table-driven suites (test/hostile): each area is one table of named cases,
// run by one loop, and a last test reports how many of them ran and passed.
import { expect, it } from "vitest";

export interface Case {
  name: string;
  run(): Promise<void>;
}

/** Registers one test per case, then one that prints and checks the count that passed. */
export function runCases(area: string, cases: readonly Case[]): void {
  let passed = 0;
  for (const { name, run } of cases) {
    it(name, async () => {
      await run();
      passed++;
    });
  }
  it(`ran all ${cases.length} ${area} cases`, () => {
    console.info(`hostile input, ${area}: ${passed} of ${cases.length} cases passed`);
    expect(passed).toBe(cases.length);
  });
}
