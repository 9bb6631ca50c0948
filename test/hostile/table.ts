// The shape of the hostile-input suites: one table of named cases per area,
// run by one loop, and a last test that asserts and prints how many passed.
import { describe, expect, it } from "vitest";

export interface HostileCase {
  name: string;
  run(): Promise<void>;
}

/** Registers one test per case, then one asserting that every case ran and passed. */
export function runTable(area: string, cases: readonly HostileCase[]): void {
  let passed = 0;
  describe(`hostile input: ${area}`, () => {
    for (const { name, run } of cases) {
      it(name, async () => {
        await run();
        passed++;
      });
    }
    it(`ran all ${cases.length} ${area} cases`, () => {
      console.info(`hostile ${area}: ${passed} of ${cases.length} cases passed`);
      expect(passed).toBe(cases.length);
    });
  });
}
