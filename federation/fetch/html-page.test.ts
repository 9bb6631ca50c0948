// The preview card fetcher refuses what a status's author could aim it at
// inside our network when private addresses are not allowed: loopback,
// private, link-local and cloud metadata addresses, named directly or by a
// host name that resolves to them; and non-http schemes always.
import { describe, expect, it } from "vitest";
import { htmlPageFetcher } from "./html-page.ts";

const policy = { allowPrivateAddress: false, userAgent: "Parley test" };

describe("htmlPageFetcher", () => {
  it("refuses private, loopback, link-local and metadata addresses", async () => {
    const fetchPage = htmlPageFetcher(policy);
    for (const url of [
      "http://127.0.0.1:9/",
      "http://[::1]/",
      "http://10.0.0.8/",
      "http://192.168.1.1/admin",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fe80::1]/",
      "http://[::ffff:127.0.0.1]/",
    ]) {
      const page = await fetchPage(url);
      expect(page, url).toMatchObject({ kind: "none", reason: expect.stringMatching(/^refused/) });
    }
  });

  it("refuses a host name that resolves to a private address, on the address it would connect to", async () => {
    const fetchPage = htmlPageFetcher({ ...policy, lookup: async () => [{ address: "10.1.2.3", family: 4 }] });
    expect(await fetchPage("http://intranet.example/")).toMatchObject({ kind: "none", reason: expect.stringMatching(/^refused/) });
    const metadata = htmlPageFetcher({ ...policy, lookup: async () => [{ address: "169.254.169.254", family: 4 }] });
    expect(await metadata("http://metadata.example/latest/")).toMatchObject({ kind: "none" });
  });

  it("refuses other schemes even where private addresses are allowed", async () => {
    const fetchPage = htmlPageFetcher({ ...policy, allowPrivateAddress: true });
    for (const url of ["file:///etc/passwd", "ftp://example.com/", "not a url"]) {
      expect(await fetchPage(url), url).toMatchObject({ kind: "none" });
    }
  });
});
