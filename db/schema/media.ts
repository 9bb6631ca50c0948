// Row types of the media tables (migration 0005-media). Attachments
// themselves live in media_attachments (db/schema/index.ts); their sizes and
// focal point are in its meta JSON, their uploader is its account_id.
import type { Id, Millis } from "./index.ts";

/** original, small, thumbnail (attachments), avatar, header (profiles). */
export type MediaFileStyle = "original" | "small" | "thumbnail" | "avatar" | "header";

/** One stored file, recorded before it is written. */
export interface MediaFilesTable {
  /** The storage key (see src/services/media/storage.ts). */
  key: string;
  /** The attachment the file belongs to; null for profile images and for orphans. */
  media_attachment_id: Id | null;
  style: MediaFileStyle;
  /** The public URL, as stored in media_attachments or accounts. */
  url: string;
  created_at: Millis;
}

export interface MediaTables {
  media_files: MediaFilesTable;
}

/** Dimensions of one rendition, as Mastodon's meta gives them ("size" is "WxH"). */
export interface MediaDimensions {
  width: number;
  height: number;
  size?: string;
  aspect?: number;
}

/** Focal point, x and y in [-1, 1] (Mastodon's API guidelines, "focal points"). */
export interface MediaFocus {
  x: number;
  y: number;
}

/** What media_attachments.meta holds (remote media may carry only original width and height). */
export interface MediaMeta {
  original?: MediaDimensions;
  small?: MediaDimensions;
  focus?: MediaFocus;
}
