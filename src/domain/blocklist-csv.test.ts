import { describe, expect, it } from "vitest";
import { formatBlocklist, parseBlocklist } from "./blocklist-csv.ts";
import { planBlocklist } from "./blocklist-plan.ts";
import { coveringDomains, obfuscateDomain } from "./domain-blocks.ts";

const normalize = (d: string) => (/^[a-z0-9.-]+$/i.test(d) && d.includes(".") ? d.toLowerCase() : null);

describe("blocklist files", () => {
  it("read Mastodon's CSV with columns in any order, quoted cells (commas, quotes, newlines) and a BOM", () => {
    const text = '\uFEFF#severity,#domain,#public_comment,#reject_media\r\nsilence,Spam.Example,"says ""hi"", often\nand more",TRUE\nsuspend,bad.example,,false\n';
    const { entries, problems } = parseBlocklist(text, normalize);
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { domain: "spam.example", severity: "silence", reject_media: true, reject_reports: false, public_comment: 'says "hi", often\nand more', obfuscate: false },
      { domain: "bad.example", severity: "suspend", reject_media: false, reject_reports: false, public_comment: null, obfuscate: false },
    ]);
    expect(parseBlocklist(formatBlocklist(entries), normalize).entries).toEqual(entries);
  });

  it("read plain lists (comments, blank lines, *. prefixes; suspend), and name the lines they cannot read", () => {
    const { entries, problems } = parseBlocklist("# list\n\nexample.com  # trailing\n*.wild.example\nnot a domain\n", normalize);
    expect(entries.map((e) => [e.domain, e.severity])).toEqual([["example.com", "suspend"], ["wild.example", "suspend"]]);
    expect(problems).toEqual([{ line: 4, message: "not a domain: not a domain" }]);
    expect(parseBlocklist("#domain,#severity\nx.example,ban\n", normalize).problems).toEqual([{ line: 2, message: "unknown severity: ban" }]);
  });
});

describe("domain rules", () => {
  it("cover subdomains and ports; obfuscate as Mastodon does", () => {
    expect(coveringDomains("a.B.example.com:8443")).toEqual(["a.b.example.com:8443", "a.b.example.com", "b.example.com", "example.com", "com"]);
    expect(obfuscateDomain("evil.example")).toBe("evil.****ple");
    expect(obfuscateDomain("a.b")).toBe("a.*");
  });

  it("plan a subscription: adds, changes and removes only its own blocks; allows and local blocks are skipped", () => {
    const entry = (domain: string, severity: "suspend" | "silence" = "suspend") => ({ domain, severity, reject_media: false, reject_reports: false, public_comment: null, obfuscate: false });
    const stored = [
      { domain: "mine.example", subscription_id: null, entry: entry("mine.example") },
      { domain: "old.example", subscription_id: "7", entry: entry("old.example") },
      { domain: "same.example", subscription_id: "7", entry: entry("same.example") },
      { domain: "stricter.example", subscription_id: "7", entry: entry("stricter.example", "silence") },
    ];
    const plan = planBlocklist([entry("new.example"), entry("mine.example", "silence"), entry("friend.example"), entry("same.example"), entry("stricter.example")], stored, new Set(["friend.example"]), "7");
    expect(plan).toEqual({ added: [entry("new.example")], changed: [entry("stricter.example")], removed: ["old.example"], skipped: ["mine.example", "friend.example"], unchanged: 1 });
    expect(planBlocklist([entry("mine.example", "silence")], stored, new Set(), null).changed).toEqual([entry("mine.example", "silence")]);
  });
});
