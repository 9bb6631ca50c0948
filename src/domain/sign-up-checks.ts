// Pure rules of sign-up blocks: the canonical form of an email address (one
// person's address however they spell it), email domain matching, and IP
// ranges. Mastodon's CanonicalEmailBlock and IpBlock behave the same way.
import { createHash } from "node:crypto";
import { BlockList, isIP } from "node:net";

/** Lowercased, dots and a +suffix removed from the local part: what a canonical block compares. */
export function canonicalEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at).toLowerCase().split("+")[0]!.replaceAll(".", "");
  return `${local}@${email.slice(at + 1).toLowerCase()}`;
}

/** SHA-256 hex of the canonical address: the only form a canonical block keeps. */
export function canonicalEmailHash(email: string): string {
  return createHash("sha256").update(canonicalEmail(email)).digest("hex");
}

/** The domain of an address and its parent domains, most specific first (a block on a parent covers subdomains). */
export function emailDomainAndParents(email: string): string[] {
  const labels = email.slice(email.lastIndexOf("@") + 1).toLowerCase().split(".").filter(Boolean);
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join("."));
}

/** "192.0.2.7", "192.0.2.0/24" or "2001:db8::/32" as a normalized range; undefined when invalid. */
export function parseIpRange(value: string): { address: string; prefix: number; family: "ipv4" | "ipv6"; text: string } | undefined {
  const [address = "", bits, ...rest] = value.trim().split("/");
  const version = isIP(address);
  if (version === 0 || rest.length) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) return undefined;
  const family = version === 4 ? "ipv4" : "ipv6";
  return { address, prefix, family, text: `${address}/${prefix}` };
}

/** A matcher over ranges: which of them (by index) holds an address. */
export function ipRangeMatcher(ranges: readonly string[]): (ip: string) => number | undefined {
  const lists = ranges.map((range) => {
    const parsed = parseIpRange(range);
    if (!parsed) return undefined;
    const list = new BlockList();
    list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    return list;
  });
  return (ip) => {
    const bare = ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    const version = isIP(bare);
    if (version === 0) return undefined;
    const index = lists.findIndex((list) => list?.check(bare, version === 4 ? "ipv4" : "ipv6"));
    return index < 0 ? undefined : index;
  };
}
