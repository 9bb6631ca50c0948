import { describe, expect, it } from "vitest";
import { canonicalEmail, canonicalEmailHash, emailDomainAndParents, ipRangeMatcher, parseIpRange } from "./sign-up-checks.ts";

describe("sign-up checks", () => {
  it("canonicalize addresses however they are spelled", () => {
    expect(canonicalEmail("Jo.Hn+spam@Example.COM")).toBe("john@example.com");
    expect(canonicalEmailHash("john@example.com")).toBe(canonicalEmailHash("j.o.h.n+x@EXAMPLE.com"));
  });

  it("list an address's domain and its parents", () => {
    expect(emailDomainAndParents("a@mail.spam.example")).toEqual(["mail.spam.example", "spam.example"]);
  });

  it("parse and match IP ranges, IPv4-mapped IPv6 included", () => {
    expect(parseIpRange("192.0.2.0/24")?.text).toBe("192.0.2.0/24");
    expect(parseIpRange("192.0.2.7")?.text).toBe("192.0.2.7/32");
    expect(parseIpRange("2001:db8::/32")?.family).toBe("ipv6");
    for (const bad of ["300.1.1.1", "10.0.0.0/33", "10.0.0.0/x", "example.com", "10.0.0.0/8/8"]) expect(parseIpRange(bad)).toBeUndefined();
    const match = ipRangeMatcher(["10.0.0.0/8", "2001:db8::/32"]);
    expect(match("10.1.2.3")).toBe(0);
    expect(match("::ffff:10.9.9.9")).toBe(0);
    expect(match("2001:db8::1")).toBe(1);
    expect(match("192.0.2.1")).toBeUndefined();
    expect(match("unknown")).toBeUndefined();
  });
});
