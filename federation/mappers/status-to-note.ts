// A local status as an ActivityPub object (Note, with Mastodon's addressing).
import { Document, Hashtag, Image, Mention, Note, PUBLIC_COLLECTION } from "@fedify/vocab";
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

/** Builds the Note of a local status (content, addressing, tags, attachments). */
export function statusToNote(ctx: ParleyContext, parts: StatusParts): Note {
  const { status, author } = parts;
  const { to, cc } = addressingOf(ctx, parts);
  const origin = ctx.canonicalOrigin;
  return new Note({
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
  });
}
