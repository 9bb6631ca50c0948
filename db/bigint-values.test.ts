import { describe, expect, it } from "vitest";
import { fromInt64 } from "./bigint-values.ts";

describe("fromInt64", () => {
  it("gives numbers while exact, digit strings beyond, from BigInt and from text alike", () => {
    for (const [value, expected] of [
      ["0", 0], ["-5", -5], ["123456789012345", 123456789012345], ["-12345678901234", -12345678901234],
      ["9007199254740991", 9007199254740991], ["-9007199254740991", -9007199254740991],
      ["9007199254740992", "9007199254740992"], ["117661642598990383", "117661642598990383"],
    ] as const) {
      expect(fromInt64(value)).toBe(expected);
      expect(fromInt64(BigInt(value))).toBe(expected);
    }
  });
});
