// What the instance's federation controls say about a remote host: refused
// (suspended, or not allowed in allowlist mode), silenced, media or reports
// rejected. The inbox gate, the fetch gate and the delivery gate ask here, and
// nowhere else decides (docs/adr/0024-domain-blocks.md).
import { findDomainAllowsFor, findDomainBlocksFor } from "../../../db/queries/domain-blocks.ts";
import type { Executor } from "../../../db/queries/executor.ts";
import { readInstanceSettings } from "../../../db/queries/instance-settings.ts";
import { coveringDomains, mostSpecific } from "../../domain/domain-blocks.ts";

/** The instance settings of federation controls, with their values; the first value is the default. */
export const FEDERATION_SETTINGS = {
  /** allowlist: federate only with domains in domain_allows (Mastodon's LIMITED_FEDERATION_MODE). */
  federation_mode: ["blocklist", "allowlist"],
  /** Who may read GET /api/v1/instance/domain_blocks (Mastodon's show_domain_blocks). */
  show_domain_blocks: ["disabled", "users", "all"],
  /** Who sees the public comments there (Mastodon's show_domain_blocks_rationale). */
  show_domain_blocks_rationale: ["disabled", "users", "all"],
} as const;

export type FederationSettingKey = keyof typeof FEDERATION_SETTINGS;

/** The current value of a federation setting (its default when unset or unknown). */
export async function readFederationSetting<K extends FederationSettingKey>(db: Executor, key: K): Promise<(typeof FEDERATION_SETTINGS)[K][number]> {
  const stored = (await readInstanceSettings(db)).get(key)?.value;
  const values: readonly string[] = FEDERATION_SETTINGS[key];
  return (stored !== undefined && values.includes(stored) ? stored : values[0]) as (typeof FEDERATION_SETTINGS)[K][number];
}

export interface DomainPolicy {
  /** Nothing is taken from, fetched from or delivered to this host. */
  refused: boolean;
  silenced: boolean;
  rejectMedia: boolean;
  rejectReports: boolean;
}

const OPEN: DomainPolicy = { refused: false, silenced: false, rejectMedia: false, rejectReports: false };

/** The policies for several hosts, read in one pass (two queries whatever their number, three in allowlist mode). */
export async function domainPolicies(db: Executor, hosts: readonly string[]): Promise<Map<string, DomainPolicy>> {
  const unique = [...new Set(hosts.map((h) => h.toLowerCase()))];
  const covering = new Map(unique.map((host) => [host, coveringDomains(host)]));
  const all = [...new Set([...covering.values()].flat())];
  const mode = await readFederationSetting(db, "federation_mode");
  const [blocks, allows] = await Promise.all([findDomainBlocksFor(db, all), mode === "allowlist" ? findDomainAllowsFor(db, all) : []]);
  const policies = new Map<string, DomainPolicy>();
  for (const [host, domains] of covering) {
    const block = mostSpecific(blocks.filter((b) => domains.includes(b.domain)));
    const notAllowed = mode === "allowlist" && !allows.some((a) => domains.includes(a.domain));
    const suspended = notAllowed || block?.severity === "suspend";
    policies.set(host, !block && !notAllowed ? OPEN : {
      refused: suspended,
      silenced: block?.severity === "silence",
      rejectMedia: suspended || block?.reject_media === 1,
      rejectReports: suspended || block?.reject_reports === 1,
    });
  }
  return policies;
}

/** The policy for one host (port kept or not); the most specific block covering it applies. */
export async function domainPolicy(db: Executor, host: string): Promise<DomainPolicy> {
  return (await domainPolicies(db, [host])).get(host.toLowerCase()) ?? OPEN;
}
