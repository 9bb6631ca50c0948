import { describe, expect, it } from "vitest";
import { hasScope, parseScopes, scopesWithin } from "./scopes.ts";

describe("scopes", () => {
  it("parses and refuses unknown scopes", () => {
    expect(parseScopes("read write:statuses  follow")).toEqual(["read", "write:statuses", "follow"]);
    expect(parseScopes(undefined)).toEqual(["read"]);
    expect(parseScopes("read+write")).toEqual(["read", "write"]);
    expect(parseScopes("read sudo")).toBeNull();
  });

  it("lets parents cover children and follow cover relationships", () => {
    expect(hasScope(["read"], "read:statuses")).toBe(true);
    expect(hasScope(["read:statuses"], "read")).toBe(false);
    expect(hasScope(["write:statuses"], "write:media")).toBe(false);
    expect(hasScope(["follow"], "write:blocks")).toBe(true);
    expect(hasScope(["admin:read"], "admin:read:accounts")).toBe(true);
  });

  it("detects escalation", () => {
    expect(scopesWithin(["read:statuses"], ["read", "write"])).toBe(true);
    expect(scopesWithin(["admin:read"], ["read", "write"])).toBe(false);
  });
});
