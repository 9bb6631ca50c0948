// The instance as Mastodon's Instance entity (API v2), and the configuration
// block it shares with V1Instance. The limits are the ones Parley's services
// enforce, read from where they are enforced.
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { Config } from "../config.ts";
import { MAX_MEDIA_ATTACHMENTS } from "../services/media/claim-media.ts";
import { MAX_IMAGE_BYTES } from "../services/media/process-image.ts";
import { MEDIA_TYPES } from "../services/media/storage.ts";
import { MAX_DESCRIPTION_LENGTH } from "../services/media/upload-media.ts";
import { MAX_PINNED_STATUSES } from "../services/pins/pin-status.ts";
import { POLL_LIMITS } from "../services/polls/poll-rules.ts";
import type { InstanceInfo } from "../services/instance/instance-info.ts";
import { MAX_LOCAL_CHARACTERS } from "../services/statuses/status-draft.ts";
import { PARLEY_VERSION } from "../version.ts";
import { type AccountEntity, serializeAccount } from "./account.ts";
import type { EntityContext } from "./context.ts";
import { serializeRule } from "./rule.ts";

// Clients read the Mastodon version to decide which features to offer, so
// Parley reports the Mastodon API level it implements, as other servers do
// (e.g. "4.3.0 (compatible; GoToSocial 0.17.0)").
const MASTODON_VERSION = "4.3.0";
// The API version Mastodon 4.3.0 reports (Mastodon docs: entities/Instance#api_versions).
const MASTODON_API_VERSION = 2;
// Mastodon's defaults where Parley has no limit of its own.
const MAX_FEATURED_TAGS = 10;
const IMAGE_MATRIX_LIMIT = 16_777_216;
const CHARACTERS_RESERVED_PER_URL = 23;
// GIF and AVIF uploads are converted (services/media/process-image.ts); no video yet.
const UPLOAD_TYPES = [...new Set([...Object.values(MEDIA_TYPES), "image/gif", "image/avif"])];

/** The version string Parley reports to Mastodon clients. */
export function compatibleVersion(): string {
  return `${MASTODON_VERSION} (compatible; Parley ${PARLEY_VERSION})`;
}

/** The WebSocket origin of the streaming API. */
export function streamingUrl(ctx: EntityContext): string {
  return ctx.uris.origin.replace(/^http/, "ws");
}

/** Limits shared by Instance and V1Instance (`extended` adds the v2-only fields). */
export function serializeLimits(extended: boolean) {
  return {
    accounts: { max_featured_tags: MAX_FEATURED_TAGS, ...(extended ? { max_pinned_statuses: MAX_PINNED_STATUSES } : {}) },
    statuses: { max_characters: MAX_LOCAL_CHARACTERS, max_media_attachments: MAX_MEDIA_ATTACHMENTS, characters_reserved_per_url: CHARACTERS_RESERVED_PER_URL },
    media_attachments: {
      supported_mime_types: UPLOAD_TYPES,
      image_size_limit: MAX_IMAGE_BYTES,
      image_matrix_limit: IMAGE_MATRIX_LIMIT,
      // No video uploads yet: zero limits, and no video type above.
      video_size_limit: 0,
      video_frame_rate_limit: 0,
      video_matrix_limit: 0,
      ...(extended ? { description_limit: MAX_DESCRIPTION_LENGTH } : {}),
    },
    polls: {
      max_options: POLL_LIMITS.maxOptions,
      max_characters_per_option: POLL_LIMITS.maxOptionCharacters,
      min_expiration: POLL_LIMITS.minExpirationSeconds,
      max_expiration: POLL_LIMITS.maxExpirationSeconds,
    },
  };
}

/** What the instance entities are built from. */
export interface InstanceFacts {
  info: InstanceInfo;
  registrations: Config["registrations"];
  vapidPublicKey: string;
}

/** The contact account, serialized; null when there is none. */
export function serializeContact(ctx: EntityContext, account: AccountRow | null): AccountEntity | null {
  return account ? serializeAccount(ctx, account) : null;
}

/** Serializes the instance for GET /api/v2/instance. */
export function serializeInstance(ctx: EntityContext, facts: InstanceFacts) {
  const { info } = facts;
  return {
    domain: ctx.uris.host,
    title: info.title,
    version: compatibleVersion(),
    source_url: info.sourceUrl,
    description: info.description,
    usage: { users: { active_month: info.activeMonth } },
    thumbnail: { url: info.thumbnailUrl, blurhash: null, versions: {} },
    icon: [] as { src: string; size: string }[],
    languages: info.languages,
    configuration: {
      urls: { streaming: streamingUrl(ctx) },
      vapid: { public_key: facts.vapidPublicKey },
      ...serializeLimits(true),
      translation: { enabled: false },
    },
    registrations: {
      enabled: facts.registrations === "open" || facts.registrations === "approval",
      approval_required: facts.registrations === "approval",
      message: info.registrationsMessage,
      url: null,
    },
    api_versions: { mastodon: MASTODON_API_VERSION },
    contact: { email: info.contactEmail, account: serializeContact(ctx, info.contactAccount) },
    rules: info.rules.map(serializeRule),
  };
}
