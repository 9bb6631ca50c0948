import { describe, expect, it } from "vitest";
import { compileRules, type RuleDefinition, type RuleSubject } from "./compile-rules.ts";
import { compileSafeRegex } from "./safe-regex.ts";

let next = 0;
const rule = (r: Partial<RuleDefinition>): RuleDefinition => ({ id: String(++next), kind: "keyword", pattern: null, fields: ["text"], params: {}, action: "flag", dryRun: false, ...r });
const status = (s: Partial<RuleSubject>): RuleSubject => ({
  type: "status", text: "", spoiler: "", altTexts: [], displayName: "", bio: "", links: [], mentions: 0, accountCreatedAt: 0, ...s,
});
const ids = (rules: ReturnType<typeof compileRules>, subject: RuleSubject, now = 0) => rules.match(subject, now).map((m) => m.rule.id);

describe("compiled rules", () => {
  it("match keywords and phrases by whole words, whatever the case or width", () => {
    const word = rule({ pattern: "Spam" });
    const phrase = rule({ pattern: "buy cheap pills" });
    const rules = compileRules([word, phrase]);
    expect(ids(rules, status({ text: "so much SPAM here" }))).toEqual([word.id]);
    expect(ids(rules, status({ text: "spammer" }))).toEqual([]);
    expect(ids(rules, status({ text: "Buy  CHEAP pills, now" }))).toEqual([phrase.id]);
    expect(ids(rules, status({ text: "buy cheap" }))).toEqual([]);
    expect(ids(rules, status({ text: "ｓｐａｍ" }))).toEqual([word.id]);
  });

  it("read only the fields a rule names, and a profile's fields for an account", () => {
    const spoiler = rule({ pattern: "gore", fields: ["spoiler"] });
    const alt = rule({ pattern: "gore", fields: ["alt_text"] });
    const bio = rule({ pattern: "gore", fields: ["bio", "display_name"] });
    const rules = compileRules([spoiler, alt, bio]);
    expect(ids(rules, status({ text: "gore" }))).toEqual([]);
    expect(ids(rules, status({ spoiler: "gore" }))).toEqual([spoiler.id]);
    expect(ids(rules, status({ altTexts: ["a", "some gore"] }))).toEqual([alt.id]);
    expect(ids(rules, status({ type: "account", displayName: "Gore fan" }))).toEqual([bio.id]);
  });

  it("run regular expressions together, then alone, and name each rule that matched", () => {
    const a = rule({ kind: "regex", pattern: "fr[e3]{2}\\s*money" });
    const b = rule({ kind: "regex", pattern: "^hello" });
    const rules = compileRules([a, b]);
    expect(ids(rules, status({ text: "Hello, FR33 money" }))).toEqual([a.id, b.id]);
    expect(ids(rules, status({ text: "nothing" }))).toEqual([]);
  });

  it("match link domains and their subdomains", () => {
    const domain = rule({ pattern: "spam.example", fields: ["link_domains"] });
    const rules = compileRules([domain]);
    expect(ids(rules, status({ links: ["https://www.spam.example/x"] }))).toEqual([domain.id]);
    expect(ids(rules, status({ links: ["https://notspam.example/x"] }))).toEqual([]);
  });

  it("count mentions by young accounts, and links per domain or to listed domains", () => {
    const flood = rule({ kind: "mention_flood", params: { maxMentions: 2, accountAgeHours: 24 } });
    const spam = rule({ kind: "link_spam", params: { maxLinksPerDomain: 2, domains: ["bad.example"] } });
    const rules = compileRules([flood, spam]);
    const hour = 3_600_000;
    expect(ids(rules, status({ mentions: 3, accountCreatedAt: 0 }), 2 * hour)).toEqual([flood.id]);
    expect(ids(rules, status({ mentions: 3, accountCreatedAt: 0 }), 25 * hour)).toEqual([]);
    expect(ids(rules, status({ mentions: 2, accountCreatedAt: 0 }), hour)).toEqual([]);
    const links = (n: number, host: string) => Array.from({ length: n }, (_, i) => `https://${host}/${i}`);
    expect(ids(rules, status({ links: links(3, "a.example") }))).toEqual([spam.id]);
    expect(ids(rules, status({ links: links(2, "a.example") }))).toEqual([]);
    expect(ids(rules, status({ links: ["https://x.bad.example/"] }))).toEqual([spam.id]);
  });

  it("stay cheap with a thousand keyword rules", () => {
    const many = Array.from({ length: 1000 }, (_, i) => rule({ pattern: `badword${i}` }));
    const rules = compileRules(many);
    const text = "an ordinary post of some length, with words and more words ".repeat(8);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) rules.match(status({ text }), 0);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(ids(rules, status({ text: "x badword999 y" }))).toEqual([many[999]!.id]);
  });
});

describe("safe regular expressions", () => {
  it("refuse what RE2 cannot run in linear time, and run nested quantifiers in linear time", () => {
    expect(compileSafeRegex("(a)\\1")).toMatch(/not a valid RE2 expression/);
    expect(compileSafeRegex("(?=a)b")).toMatch(/not a valid RE2 expression/);
    expect(compileSafeRegex("")).toBe("Pattern can't be blank");
    const nested = compileSafeRegex("(a+)+$");
    if (typeof nested === "string") throw new Error(nested);
    const started = performance.now();
    expect(nested.test(`${"a".repeat(50_000)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
