// Pure rules of instance-level domain blocks: which stored domains cover a
// host (a block covers its subdomains, as Mastodon's DomainBlock.rule_for),
// and how a block is shown to the public (obfuscated, with a SHA-256 digest).
import { createHash } from "node:crypto";
import type { BlocklistEntry, DomainBlockSeverity } from "../../db/schema/federation-controls.ts";

export const SEVERITIES: readonly DomainBlockSeverity[] = ["suspend", "silence", "noop"];

/** The stored domains that would cover `host`: itself, without its port, and every parent domain. */
export function coveringDomains(host: string): string[] {
  const lower = host.toLowerCase();
  const name = lower.replace(/:\d+$/, "");
  const labels = name.split(".");
  const parents = labels.map((_, i) => labels.slice(i).join(".")).filter(Boolean);
  return [...new Set([lower, ...parents])];
}

/** The most specific of several covering rules (the longest domain), as Mastodon picks. */
export function mostSpecific<T extends { domain: string }>(rules: readonly T[]): T | undefined {
  return [...rules].sort((a, b) => b.domain.length - a.domain.length)[0];
}

/** The domain with its middle hidden, for public lists (Mastodon's DomainBlock#public_domain). */
export function obfuscateDomain(domain: string): string {
  const visible = Math.floor(domain.length / 4);
  return [...domain].map((chr, i) => (i > visible && i < domain.length - visible && chr !== "." ? "*" : chr)).join("");
}

/** The SHA-256 hex digest of the domain, by which others can check a list without reading it. */
export function domainDigest(domain: string): string {
  return createHash("sha256").update(domain).digest("hex");
}

/** Whether an entry differs from a stored block in anything a blocklist sets. */
export function entryDiffers(entry: BlocklistEntry, block: BlocklistEntry): boolean {
  return entry.severity !== block.severity || entry.reject_media !== block.reject_media || entry.reject_reports !== block.reject_reports
    || (entry.public_comment ?? null) !== (block.public_comment ?? null) || entry.obfuscate !== block.obfuscate;
}
