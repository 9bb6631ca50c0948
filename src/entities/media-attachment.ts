// Media attachments as Mastodon's MediaAttachment entity.
import type { MediaRow } from "../../db/queries/statuses.ts";

export interface MediaAttachmentEntity {
  id: string;
  type: string;
  url: string | null;
  preview_url: string | null;
  remote_url: string | null;
  meta: Record<string, unknown>;
  description: string | null;
  blurhash: string | null;
}

/** Serializes a stored attachment; remote media is shown by reference. */
export function serializeMediaAttachment(media: MediaRow): MediaAttachmentEntity {
  return {
    id: media.id,
    type: media.type,
    url: media.url ?? media.remote_url,
    preview_url: media.preview_url ?? media.url ?? media.remote_url,
    remote_url: media.remote_url,
    meta: JSON.parse(media.meta) as Record<string, unknown>,
    description: media.description,
    blurhash: media.blurhash,
  };
}
