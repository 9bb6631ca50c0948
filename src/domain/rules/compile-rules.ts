// Automatic moderation rules compiled into one matcher: all keyword rules
// share one index of words, all regular-expression rules of a field are tried
// together first (one RE2 pass over the text; each rule on its own only when
// that pass matched), and domain rules share one set. What a subject matched
// is the list of rules with a short excerpt each.
import type { Id, Millis } from "../../../db/schema/index.ts";
import type { RuleAction, RuleField, RuleKind, RuleParams } from "../../../db/schema/rules.ts";
import { buildKeywordIndex, type KeywordIndex, wordsOf } from "./keyword-index.ts";
import { compileSafeRegex, type SafeRegex } from "./safe-regex.ts";

export interface RuleDefinition {
  id: Id;
  kind: RuleKind;
  pattern: string | null;
  fields: RuleField[];
  params: RuleParams;
  action: RuleAction;
  dryRun: boolean;
}

/** A status or a profile, as rules read it. */
export interface RuleSubject {
  type: "status" | "account";
  text: string;
  spoiler: string;
  altTexts: string[];
  displayName: string;
  bio: string;
  /** The http(s) links of the status or bio. */
  links: string[];
  mentions: number;
  accountCreatedAt: Millis;
}

export interface RuleMatch {
  rule: RuleDefinition;
  excerpt: string;
}

export interface CompiledRules {
  readonly size: number;
  match(subject: RuleSubject, now: Millis): RuleMatch[];
}

const TEXT_FIELDS = { status: ["text", "spoiler", "alt_text"], account: ["display_name", "bio"] } as const;
// Text beyond this is not read by regex rules (RE2 is linear, this bounds the constant).
const MAX_SCANNED = 64 * 1024;
const HOUR_MS = 3_600_000;

function fieldText(subject: RuleSubject, field: RuleField): string {
  switch (field) {
    case "text": return subject.text;
    case "spoiler": return subject.spoiler;
    case "alt_text": return subject.altTexts.join("\n");
    case "display_name": return subject.displayName;
    case "bio": return subject.bio;
    case "link_domains": return "";
  }
}

const snippet = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** The host of each link, lowercased, once per link (so repeats count). */
export function linkDomains(links: readonly string[]): string[] {
  return links.flatMap((link) => (URL.canParse(link) ? [new URL(link).hostname.toLowerCase()] : []));
}

/** Whether the domain is `blocked` or one of its subdomains. */
function underDomain(domain: string, blocked: { has(domain: string): boolean }): string | null {
  for (let at = domain; at !== ""; at = at.includes(".") ? at.slice(at.indexOf(".") + 1) : "") {
    if (blocked.has(at)) return at;
  }
  return null;
}

interface RegexGroup {
  any: SafeRegex | null;
  rules: { rule: RuleDefinition; regex: SafeRegex }[];
}

function regexGroup(rules: { rule: RuleDefinition; regex: SafeRegex }[]): RegexGroup {
  // One alternation finds out whether any rule can match; if the union will not compile, each runs alone.
  const union = rules.length > 1 ? compileSafeRegex(rules.map((r) => `(?:${r.rule.pattern})`).join("|")) : null;
  return { any: typeof union === "string" ? null : union, rules };
}

/** Compiles rule definitions; a rule whose pattern does not compile is left out (saving refuses such patterns). */
export function compileRules(definitions: readonly RuleDefinition[]): CompiledRules {
  const keywords = new Map<RuleField, { keyword: string; value: RuleDefinition }[]>();
  const domains = new Map<string, RuleDefinition[]>();
  const regexes = new Map<RuleField, { rule: RuleDefinition; regex: SafeRegex }[]>();
  const thresholds: RuleDefinition[] = [];
  for (const rule of definitions) {
    if (rule.kind === "mention_flood" || rule.kind === "link_spam") {
      thresholds.push(rule);
      continue;
    }
    const regex = rule.kind === "regex" ? compileSafeRegex(rule.pattern ?? "") : null;
    if (typeof regex === "string" || !rule.pattern) continue;
    for (const field of rule.fields) {
      if (field === "link_domains" && rule.kind === "keyword") {
        const domain = rule.pattern.toLowerCase();
        domains.set(domain, [...(domains.get(domain) ?? []), rule]);
      } else if (regex) {
        regexes.set(field, [...(regexes.get(field) ?? []), { rule, regex }]);
      } else {
        keywords.set(field, [...(keywords.get(field) ?? []), { keyword: rule.pattern, value: rule }]);
      }
    }
  }
  const keywordIndexes = new Map<RuleField, KeywordIndex<RuleDefinition>>([...keywords].map(([field, list]) => [field, buildKeywordIndex(list)]));
  const regexGroups = new Map<RuleField, RegexGroup>([...regexes].map(([field, list]) => [field, regexGroup(list)]));

  return {
    size: definitions.length,
    match(subject, now) {
      const found = new Map<Id, RuleMatch>();
      const add = (rule: RuleDefinition, excerpt: string) => { if (!found.has(rule.id)) found.set(rule.id, { rule, excerpt }); };
      for (const field of TEXT_FIELDS[subject.type]) {
        const text = fieldText(subject, field);
        if (text === "") continue;
        const index = keywordIndexes.get(field);
        if (index) for (const rule of index.find(wordsOf(text))) add(rule, `${field} has "${rule.pattern}": ${snippet(text)}`);
        const group = regexGroups.get(field);
        const scanned = text.slice(0, MAX_SCANNED);
        if (group && (group.any === null || group.any.test(scanned))) {
          for (const { rule, regex } of group.rules) if (regex.test(scanned)) add(rule, `${field} matches /${rule.pattern}/: ${snippet(text)}`);
        }
      }
      const hosts = linkDomains(subject.links);
      const linked = regexGroups.get("link_domains");
      for (const host of hosts) {
        const blocked = domains.size ? underDomain(host, domains) : null;
        if (blocked) for (const rule of domains.get(blocked)!) add(rule, `links to ${host}`);
        if (linked) for (const { rule, regex } of linked.rules) if (regex.test(host)) add(rule, `links to ${host}`);
      }
      for (const rule of thresholds) {
        const excerpt = subject.type === "status" ? thresholdExcerpt(rule, subject, hosts, now) : null;
        if (excerpt) add(rule, `${excerpt}: ${snippet(subject.text)}`);
      }
      return [...found.values()];
    },
  };
}

// Why a mention-flood or link-spam rule matches a status, or null.
function thresholdExcerpt(rule: RuleDefinition, subject: RuleSubject, hosts: readonly string[], now: Millis): string | null {
  const p = rule.params;
  if (rule.kind === "mention_flood") {
    const young = p.accountAgeHours === undefined || now - subject.accountCreatedAt < p.accountAgeHours * HOUR_MS;
    return young && subject.mentions > (p.maxMentions ?? Infinity) ? `${subject.mentions} mentions` : null;
  }
  const perDomain = new Map<string, number>();
  for (const host of hosts) perDomain.set(host, (perDomain.get(host) ?? 0) + 1);
  for (const [host, count] of perDomain) if (count > (p.maxLinksPerDomain ?? Infinity)) return `${count} links to ${host}`;
  const listed = new Set((p.domains ?? []).map((d) => d.toLowerCase()));
  for (const host of hosts) if (listed.size && underDomain(host, listed)) return `links to ${host}`;
  return null;
}
