// A local status as an ActivityPub object (Note, or Question when it has a
// poll, with Mastodon's addressing).
import { Collection, Document, Hashtag, Image, Mention, Note, PUBLIC_COLLECTION, Question } from "@fedify/vocab";
import { pollExpired, pollOf } from "../../db/queries/polls.ts";
import type { StatusParts } from "../../db/queries/status-parts.ts";
import type { ParleyContext } from "../context.ts";
import { instantAt } from "./instant.ts";

/** The to/cc of a status by visibility, as Mastodon addresses them. */
export function addressingOf(ctx: ParleyContext, parts: Pick<StatusParts, "status" | "author" | "mentions">): { to: URL[]; cc: URL[] } {
  const followers = ctx.getFollowersUri(parts.author.username);
  const mentions = parts.mentions.map((m) => new URL(m.uri));
  switch (parts.status.visibility) {
    case "public":
      return { to: [PUBLIC_COLLECTION], cc: [followers, ...mentions] };
    case "unlisted":
      return { to: [followers], cc: [PUBLIC_COLLECTION, ...mentions] };
    case "private":
      return { to: [followers], cc: mentions };
    case "direct":
      return { to: mentions, cc: [] };
  }
}

/**
 * An attachment as Mastodon sends it: the public URL, alt text as `name`,
 * media type and the original's size. Mastodon also sends toot:blurhash and
 * toot:focalPoint; Fedify's Document has no such properties, so Parley's
 * blurhash and focus stay home.
 */
function mediaToDocument(media: StatusParts["media"][number]): Document | Image {
  const meta = JSON.parse(media.meta) as { original?: { width?: number; height?: number } };
  const values = {
    url: new URL(media.url ?? media.remote_url!),
    mediaType: media.media_type,
    name: media.description,
    width: meta.original?.width ?? null,
    height: meta.original?.height ?? null,
  };
  return media.type === "image" ? new Image(values) : new Document(values);
}

/**
 * A poll as Mastodon sends it: the options as Notes whose replies count the
 * votes (anyOf when several may be chosen, else oneOf), endTime, the number
 * of voters, and `closed` once it ended.
 */
function pollValues(status: StatusParts["status"]) {
  const poll = pollOf(status);
  if (!poll) return null;
  const options = poll.options.map((o) => new Note({ name: o.title, replies: new Collection({ totalItems: o.votesCount }) }));
  const end = poll.expiresAt === null ? null : instantAt(poll.expiresAt);
  return {
    ...(poll.multiple ? { inclusiveOptions: options } : { exclusiveOptions: options }),
    endTime: end,
    closed: pollExpired(poll) ? end : null,
    voters: poll.votersCount,
  };
}

/** Builds the object of a local status (content, addressing, tags, attachments, poll). */
export function statusToNote(ctx: ParleyContext, parts: StatusParts): Note | Question {
  const { status, author } = parts;
  const { to, cc } = addressingOf(ctx, parts);
  const origin = ctx.canonicalOrigin;
  const values = {
    id: new URL(status.uri),
    attribution: ctx.getActorUri(author.username),
    tos: to,
    ccs: cc,
    content: status.content,
    summary: status.spoiler_text || null,
    sensitive: status.sensitive === 1,
    published: instantAt(status.created_at),
    updated: status.edited_at ? instantAt(status.edited_at) : null,
    url: status.url ? new URL(status.url) : null,
    replyTarget: status.in_reply_to_uri ? new URL(status.in_reply_to_uri) : null,
    tags: [
      ...parts.mentions.map((m) =>
        new Mention({ href: new URL(m.uri), name: `@${m.username}@${m.domain ?? new URL(origin).host}` })
      ),
      ...parts.tags.map((t) =>
        new Hashtag({ href: new URL(`/tags/${encodeURIComponent(t.toLowerCase())}`, origin), name: `#${t}` })
      ),
    ],
    attachments: parts.media.map(mediaToDocument),
  };
  const poll = pollValues(status);
  return poll ? new Question({ ...values, ...poll }) : new Note(values);
}
