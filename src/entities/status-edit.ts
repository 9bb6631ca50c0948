// The edit history of a status as Mastodon's StatusEdit entities: every
// earlier revision, then the current one (so a never-edited status has one).
import type { AccountRow } from "../../db/queries/accounts.ts";
import { pollOf } from "../../db/queries/polls.ts";
import type { StatusEditRow } from "../../db/queries/status-edits.ts";
import type { MediaRow, StatusRow } from "../../db/queries/statuses.ts";
import { type AccountEntity, serializeAccount } from "./account.ts";
import { type EntityContext, isoTime } from "./context.ts";
import { type CustomEmojiEntity, serializeEmojis } from "./custom-emoji.ts";
import { type MediaAttachmentEntity, serializeMediaAttachment } from "./media-attachment.ts";

export interface StatusEditEntity {
  content: string;
  spoiler_text: string;
  sensitive: boolean;
  created_at: string;
  account: AccountEntity;
  poll: { options: { title: string }[] } | null;
  media_attachments: MediaAttachmentEntity[];
  emojis: CustomEmojiEntity[];
}

interface Revision {
  content: string;
  spoilerText: string;
  sensitive: boolean;
  createdAt: number;
  mediaIds: string[];
  pollOptions: string[] | null;
}

/** Serializes the revisions, oldest first; media no longer stored is left out. */
export function serializeStatusEdits(
  ctx: EntityContext,
  status: StatusRow,
  author: AccountRow,
  edits: readonly StatusEditRow[],
  media: { current: readonly MediaRow[]; byId: ReadonlyMap<string, MediaRow> },
): StatusEditEntity[] {
  const revisions: Revision[] = edits.map((e) => ({
    content: e.content,
    spoilerText: e.spoiler_text,
    sensitive: e.sensitive === 1,
    createdAt: e.created_at,
    mediaIds: JSON.parse(e.media_ids) as string[],
    pollOptions: e.poll_options === null ? null : (JSON.parse(e.poll_options) as string[]),
  }));
  const poll = pollOf(status);
  revisions.push({
    content: status.content,
    spoilerText: status.spoiler_text,
    sensitive: status.sensitive === 1,
    createdAt: status.edited_at ?? status.created_at,
    mediaIds: media.current.map((m) => m.id),
    pollOptions: poll ? poll.options.map((o) => o.title) : null,
  });
  const account = serializeAccount(ctx, author);
  const emojis = serializeEmojis(status.emojis);
  return revisions.map((r) => ({
    content: r.content,
    spoiler_text: r.spoilerText,
    sensitive: r.sensitive,
    created_at: isoTime(r.createdAt),
    account,
    poll: r.pollOptions ? { options: r.pollOptions.map((title) => ({ title })) } : null,
    media_attachments: r.mediaIds.flatMap((id) => {
      const row = media.byId.get(id);
      return row ? [serializeMediaAttachment(row)] : [];
    }),
    emojis,
  }));
}
