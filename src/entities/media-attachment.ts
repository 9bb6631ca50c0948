// Media attachments as Mastodon's MediaAttachment entity: local uploads with
// their stored original and preview, remote media by reference.
import type { MediaRow } from "../../db/queries/statuses.ts";
import type { MediaMeta } from "../../db/schema/media.ts";

export interface MediaAttachmentEntity {
  id: string;
  type: string;
  /** The original file; Mastodon gives null while a file is still processing. */
  url: string | null;
  preview_url: string | null;
  /** Where remote media lives on its origin; null for local uploads. */
  remote_url: string | null;
  meta: MediaMeta;
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
    meta: JSON.parse(media.meta) as MediaMeta,
    description: media.description,
    blurhash: media.blurhash,
  };
}
