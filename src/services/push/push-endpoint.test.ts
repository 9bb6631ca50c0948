import { describe, expect, it } from "vitest";
import { assertReachableEndpoint, isAcceptableEndpoint } from "./push-endpoint.ts";

describe("push endpoints", () => {
  it("takes https URLs only, http too where private addresses are allowed", () => {
    expect(isAcceptableEndpoint("https://push.example/send/abc", false)).toBe(true);
    expect(isAcceptableEndpoint("http://push.example/send/abc", false)).toBe(false);
    expect(isAcceptableEndpoint("http://127.0.0.1:9/push", true)).toBe(true);
    for (const bad of ["ftp://push.example/x", "javascript:alert(1)", "https://user:pass@push.example/x", "push.example/x", ""]) {
      expect(isAcceptableEndpoint(bad, true), bad).toBe(false);
    }
  });

  it("refuses loopback, private and link-local targets before any delivery", async () => {
    for (const url of ["https://127.0.0.1/push", "https://10.1.2.3/push", "https://192.168.0.1/push", "https://169.254.169.254/latest", "https://[::1]/push"]) {
      await expect(assertReachableEndpoint(url, false), url).rejects.toThrow();
    }
    await expect(assertReachableEndpoint("https://127.0.0.1/push", true)).resolves.toBeUndefined();
  });
});
