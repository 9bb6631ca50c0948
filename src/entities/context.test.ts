import { describe, expect, it } from "vitest";
import { isoTime } from "./context.ts";

describe("isoTime", () => {
  it("writes what Date#toISOString writes", () => {
    const edges = [0, -1, 1, 1.5, -1.5, 951_782_400_000, 951_868_800_000, 4_107_542_400_000, Date.UTC(1975, 0, 1), Date.now(), -62_167_219_200_000, 253_402_300_799_999];
    const random = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? Math.floor : (x: number) => x)((Math.random() * 2 - 1) * 2e14));
    for (const ms of [...edges, ...random]) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  it("leaves years outside 0000-9999 and invalid times to Date", () => {
    expect(isoTime(253_402_300_800_000)).toBe("+010000-01-01T00:00:00.000Z");
    expect(isoTime(-62_167_219_200_001)).toBe("-000001-12-31T23:59:59.999Z");
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});
