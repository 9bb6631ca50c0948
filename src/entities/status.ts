// Statuses as Mastodon's Status entity, from a page loaded by loadStatusPage.
import type { StatusPage } from "../../db/queries/status-page.ts";
import type { StatusRow } from "../../db/queries/statuses.ts";
import type { PollData } from "../../db/schema/index.ts";
import { type AccountEntity, acctOf, serializeAccount } from "./account.ts";
import { type EntityContext, isoTime } from "./context.ts";
import { serializeEmojis } from "./custom-emoji.ts";
import { type MediaAttachmentEntity, serializeMediaAttachment } from "./media-attachment.ts";

export interface StatusEntity {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  edited_at: string | null;
  account: AccountEntity;
  content: string;
  text?: string | null;
  visibility: string;
  sensitive: boolean;
  spoiler_text: string;
  media_attachments: MediaAttachmentEntity[];
  application: { name: string; website: string | null } | null;
  mentions: { id: string; username: string; url: string; acct: string }[];
  tags: { name: string; url: string }[];
  emojis: ReturnType<typeof serializeEmojis>;
  reblogs_count: number;
  favourites_count: number;
  replies_count: number;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  reblog: StatusEntity | null;
  poll: Record<string, unknown> | null;
  card: null;
  language: string | null;
  favourited?: boolean;
  reblogged?: boolean;
  muted?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  filtered?: unknown[];
}

function serializePoll(status: StatusRow): Record<string, unknown> | null {
  const poll = JSON.parse(status.poll) as PollData | null;
  if (!poll) return null;
  const votes = poll.options.reduce((sum, o) => sum + o.votesCount, 0);
  return {
    id: status.id,
    expires_at: poll.expiresAt === null ? null : isoTime(poll.expiresAt),
    expired: poll.expiresAt !== null && poll.expiresAt < Date.now(),
    multiple: poll.multiple,
    votes_count: votes,
    voters_count: poll.votersCount,
    options: poll.options.map((o) => ({ title: o.title, votes_count: o.votesCount })),
    emojis: [],
    voted: false,
    own_votes: [],
  };
}

/** Serializes one status of a loaded page (a reblog carries its original). */
export function serializeStatus(ctx: EntityContext, page: StatusPage, status: StatusRow): StatusEntity | null {
  const author = page.accounts.get(status.account_id);
  if (!author) return null;
  const original = status.reblog_of_id ? page.statuses.get(status.reblog_of_id) : undefined;
  const reblog = original ? serializeStatus(ctx, page, original) : null;
  if (status.reblog_of_id && !reblog) return null;
  const flags = page.viewer.get(status.id);
  return {
    id: status.id,
    uri: status.uri,
    url: status.url,
    created_at: isoTime(status.created_at),
    edited_at: status.edited_at === null ? null : isoTime(status.edited_at),
    account: serializeAccount(ctx, author),
    content: status.content,
    visibility: status.visibility,
    sensitive: status.sensitive === 1,
    spoiler_text: status.spoiler_text,
    media_attachments: (page.media.get(status.id) ?? []).map(serializeMediaAttachment),
    application: null,
    mentions: (page.mentions.get(status.id) ?? []).map((m) => ({
      id: m.id,
      username: m.username,
      url: m.domain === null ? ctx.uris.profileUrl(m.username) : (m.url ?? m.uri),
      acct: acctOf(m),
    })),
    tags: (page.tags.get(status.id) ?? []).map((name) => ({ name: name.toLowerCase(), url: `${ctx.uris.origin}/tags/${encodeURIComponent(name.toLowerCase())}` })),
    emojis: serializeEmojis(status.emojis),
    reblogs_count: status.reblogs_count,
    favourites_count: status.favourites_count,
    replies_count: status.replies_count,
    in_reply_to_id: status.in_reply_to_id,
    in_reply_to_account_id: status.in_reply_to_account_id,
    reblog,
    poll: serializePoll(status),
    card: null,
    language: status.language,
    ...(flags
      ? { favourited: flags.favourited, reblogged: flags.reblogged, muted: false, bookmarked: false, pinned: false, filtered: [] }
      : {}),
  };
}

/** Serializes a page in order, dropping statuses whose author or original is gone. */
export function serializeStatuses(ctx: EntityContext, page: StatusPage, rows: readonly StatusRow[]): StatusEntity[] {
  return rows.flatMap((row) => serializeStatus(ctx, page, row) ?? []);
}
