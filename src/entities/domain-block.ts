// Mastodon's DomainBlock (the public list), Admin::DomainBlock and
// Admin::DomainAllow JSON, and Parley's BlocklistSubscription.
import { type BlocklistSubscriptionRow, pendingChanges } from "../../db/queries/blocklist-subscriptions.ts";
import type { DomainAllowRow, DomainBlockRow } from "../../db/queries/domain-blocks.ts";
import { domainDigest, obfuscateDomain } from "../domain/domain-blocks.ts";

const iso = (ms: number) => new Date(Number(ms)).toISOString();

/** Admin::DomainBlock: everything, for staff. */
export function serializeAdminDomainBlock(row: DomainBlockRow) {
  return {
    id: row.id,
    domain: row.domain,
    digest: domainDigest(row.domain),
    created_at: iso(row.created_at),
    severity: row.severity,
    reject_media: row.reject_media === 1,
    reject_reports: row.reject_reports === 1,
    private_comment: row.private_comment,
    public_comment: row.public_comment,
    obfuscate: row.obfuscate === 1,
  };
}

/** DomainBlock as the public list shows it: obfuscated when asked, the comment only when shown. */
export function serializePublicDomainBlock(row: DomainBlockRow, withComment: boolean) {
  return {
    domain: row.obfuscate === 1 ? obfuscateDomain(row.domain) : row.domain,
    digest: domainDigest(row.domain),
    severity: row.severity,
    ...(withComment ? { comment: row.public_comment } : {}),
  };
}

/** Admin::DomainAllow. */
export function serializeDomainAllow(row: DomainAllowRow) {
  return { id: row.id, domain: row.domain, created_at: iso(row.created_at) };
}

/** Parley's BlocklistSubscription: a list subscribed to, with the changes waiting for review. */
export function serializeBlocklistSubscription(row: BlocklistSubscriptionRow) {
  return {
    id: row.id,
    url: row.url,
    auto_apply: row.auto_apply === 1,
    last_fetched_at: row.last_fetched_at === null ? null : iso(row.last_fetched_at),
    last_error: row.last_error,
    pending: pendingChanges(row),
    created_at: iso(row.created_at),
  };
}
