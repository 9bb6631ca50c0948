// Statuses as Mastodon's Status entity, from a page loaded by loadStatusPage.
// A status a "hide" filter matches in the page's context is left out.
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { StatusPage } from "../../db/queries/status-page.ts";
import type { StatusRow } from "../../db/queries/statuses.ts";
import { hiddenIn } from "../domain/filters.ts";
import { type AccountEntity, acctOf, serializeAccount } from "./account.ts";
import { type EntityContext, isoTime } from "./context.ts";
import { serializeEmojis } from "./custom-emoji.ts";
import { type FilterResultEntity, serializeFilterResult, statusFilterMatches } from "./filter.ts";
import { type MediaAttachmentEntity, serializeMediaAttachment } from "./media-attachment.ts";
import { type PollEntity, serializePoll } from "./poll.ts";
import { type PreviewCardEntity, serializePreviewCard } from "./preview-card.ts";

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
  poll: PollEntity | null;
  card: PreviewCardEntity | null;
  language: string | null;
  favourited?: boolean;
  reblogged?: boolean;
  muted?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  filtered?: FilterResultEntity[];
}

// Mastodon's StatusSerializer#pinnable?: only the viewer's own, pinnable statuses say whether they are pinned.
function pinnable(status: StatusRow, viewerId: string | null): boolean {
  return viewerId === status.account_id && status.reblog_of_id === null && (status.visibility === "public" || status.visibility === "unlisted");
}

/** Serializes one status of a loaded page (a reblog carries its original). */
export function serializeStatus(ctx: EntityContext, page: StatusPage, status: StatusRow): StatusEntity | null {
  return serializeOne(ctx, page, status, new Map());
}

// `authors` keeps the page's serialized authors: an account with several statuses on a page is serialized once.
function authorEntity(ctx: EntityContext, author: AccountRow, authors: Map<string, AccountEntity>): AccountEntity {
  let entity = authors.get(author.id);
  if (!entity) {
    entity = serializeAccount(ctx, author);
    authors.set(author.id, entity);
  }
  return entity;
}

function serializeOne(ctx: EntityContext, page: StatusPage, status: StatusRow, authors: Map<string, AccountEntity>): StatusEntity | null {
  const author = page.accounts.get(status.account_id);
  if (!author) return null;
  const original = status.reblog_of_id ? page.statuses.get(status.reblog_of_id) : undefined;
  const reblog = original ? serializeOne(ctx, page, original, authors) : null;
  if (status.reblog_of_id && !reblog) return null;
  const matches = statusFilterMatches(page, status);
  if (page.context && hiddenIn(matches, page.context)) return null;
  const flags = page.viewer.get(status.id);
  return {
    id: status.id,
    uri: status.uri,
    url: status.url,
    created_at: isoTime(status.created_at),
    edited_at: status.edited_at === null ? null : isoTime(status.edited_at),
    account: authorEntity(ctx, author, authors),
    content: status.content,
    visibility: status.visibility,
    // A moderator marking the author's media sensitive covers every status with media.
    sensitive: status.sensitive === 1 || (author.sensitized_at !== null && (page.media.get(status.id)?.length ?? 0) > 0),
    spoiler_text: status.spoiler_text,
    media_attachments: (page.media.get(status.id) ?? []).map(serializeMediaAttachment),
    application: (status.application_id && page.applications.get(status.application_id)) || null,
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
    poll: serializePoll(status, page.viewerId === null ? null : { accountId: page.viewerId, ownVotes: page.ownVotes.get(status.id) ?? [] }),
    card: page.cards.has(status.id) ? serializePreviewCard(page.cards.get(status.id)!) : null,
    language: status.language,
    ...(flags
      ? {
        favourited: flags.favourited,
        reblogged: flags.reblogged,
        muted: flags.muted,
        bookmarked: flags.bookmarked,
        ...(pinnable(status, page.viewerId) ? { pinned: flags.pinned } : {}),
        filtered: matches.map(serializeFilterResult),
      }
      : {}),
  };
}

/** Serializes a page in order, dropping statuses whose author or original is gone. */
export function serializeStatuses(ctx: EntityContext, page: StatusPage, rows: readonly StatusRow[]): StatusEntity[] {
  const authors = new Map<string, AccountEntity>();
  return rows.flatMap((row) => serializeOne(ctx, page, row, authors) ?? []);
}
