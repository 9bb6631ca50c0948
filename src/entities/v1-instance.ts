// The instance as Mastodon's V1Instance entity (GET /api/v1/instance), for
// clients that predate API v2.
import type { EntityContext } from "./context.ts";
import { compatibleVersion, type InstanceFacts, serializeContact, serializeLimits, streamingUrl } from "./instance.ts";
import { serializeRule } from "./rule.ts";

/** Totals V1Instance reports. */
export interface InstanceStats {
  userCount: number;
  statusCount: number;
  domainCount: number;
}

/** Serializes the instance for GET /api/v1/instance. */
export function serializeV1Instance(ctx: EntityContext, facts: InstanceFacts, stats: InstanceStats) {
  const { info } = facts;
  return {
    uri: ctx.uris.host,
    title: info.title,
    short_description: info.description,
    description: info.description,
    email: info.contactEmail,
    version: compatibleVersion(),
    urls: { streaming_api: streamingUrl(ctx) },
    stats: { user_count: stats.userCount, status_count: stats.statusCount, domain_count: stats.domainCount },
    thumbnail: info.thumbnailUrl,
    languages: info.languages,
    registrations: facts.registrations === "open" || facts.registrations === "approval",
    approval_required: facts.registrations === "approval",
    invites_enabled: false,
    configuration: serializeLimits(false),
    contact_account: serializeContact(ctx, info.contactAccount),
    rules: info.rules.map(serializeRule),
  };
}
