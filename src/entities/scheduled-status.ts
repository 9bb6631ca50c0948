// Scheduled statuses as Mastodon's ScheduledStatus entity.
import type { ScheduledStatusRow } from "../../db/queries/scheduled-statuses.ts";
import type { MediaRow } from "../../db/queries/statuses.ts";
import type { ScheduledStatusParams } from "../../db/schema/statuses.ts";
import { isoTime } from "./context.ts";
import { type MediaAttachmentEntity, serializeMediaAttachment } from "./media-attachment.ts";

export interface ScheduledStatusEntity {
  id: string;
  scheduled_at: string;
  params: Omit<ScheduledStatusParams, "in_reply_to_id"> & {
    in_reply_to_id: string | null;
    scheduled_at: null;
    application_id: number;
    with_rate_limit: boolean;
  };
  media_attachments: MediaAttachmentEntity[];
}

/** Serializes a scheduled status with its (not yet attached) media. */
export function serializeScheduledStatus(row: ScheduledStatusRow, media: readonly MediaRow[]): ScheduledStatusEntity {
  const params = JSON.parse(row.params) as ScheduledStatusParams;
  return {
    id: row.id,
    scheduled_at: isoTime(row.scheduled_at),
    params: {
      ...params,
      // Mastodon documents an integer; our ids exceed JSON's exact integers, so
      // the id is given as the string clients use everywhere else.
      in_reply_to_id: params.in_reply_to_id,
      scheduled_at: null,
      // Deprecated, "can be ignored" (Mastodon docs); ids exceed exact JSON integers.
      application_id: 0,
      with_rate_limit: false,
    },
    media_attachments: media.map(serializeMediaAttachment),
  };
}
