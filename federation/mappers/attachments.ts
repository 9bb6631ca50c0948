// Media attachments of a remote post, kept by reference.
import { Audio, Document, Image, Link, type Object as APObject, PropertyValue, Video } from "@fedify/vocab";
import type { RemoteAttachmentInput } from "../../src/domain/inputs.ts";
import { htmlToPlainText } from "../../src/domain/sanitize-html.ts";
import { readMediaExtensions } from "./media-extensions.ts";
import { collect, getterOptions, type MapperOptions, readField } from "./read-safely.ts";
import { hrefOf, httpUrl } from "./urls.ts";

// More than any client shows; the rest of a document's attachments is ignored.
const MAX_ATTACHMENTS = 16;
// Mastodon's MediaAttachment::MAX_DESCRIPTION_LENGTH.
const MAX_DESCRIPTION_LENGTH = 1500;
// Raw alt text read before its markup is removed; a bound, not a display limit.
const MAX_DESCRIPTION_HTML = 16 * 1024;

/**
 * Reads the attachments of a post. `json` gives the object as received:
 * Fedify does not model Mastodon's blurhash and focalPoint, so they come from
 * there; it is called only when the post has attachments.
 */
export async function readAttachments(object: APObject, json: () => unknown, options: MapperOptions): Promise<RemoteAttachmentInput[]> {
  // Attachments are the author's own claims, like tags, so cross-origin ones are kept.
  const items = await collect(object.id, "attachment", () => object.getAttachments(getterOptions(options, "trust")), MAX_ATTACHMENTS);
  const extensions = items.length > 0 ? readMediaExtensions(await readField(object.id, "attachment", json, null)) : new Map();
  const result: RemoteAttachmentInput[] = [];
  for (const item of items) {
    const attachment = await readField(object.id, "attachment", () => attachmentOf(item), null);
    if (attachment == null) continue;
    const extra = extensions.get(attachment.url);
    result.push({ ...attachment, blurhash: extra?.blurhash ?? null, focus: extra?.focus ?? null });
  }
  return result;
}

function attachmentOf(item: APObject | Link | PropertyValue): RemoteAttachmentInput | null {
  if (item instanceof PropertyValue) return null;
  if (item instanceof Link) {
    // A Link is media only when it says so; a link to a web page (Lemmy
    // attaches the shared page this way) is not. Mastodon skips Links too,
    // as it reads only `url` (ActivityPub::Parser::MediaAttachmentParser).
    const mediaType = item.mediaType;
    const url = httpUrl(item.href);
    const type = typeOf(mediaType, null);
    if (url == null || type === "unknown") return null;
    return { type, url, mediaType, description: description(item.name?.toString(), undefined), blurhash: null, width: dimension(item.width), height: dimension(item.height), focus: null };
  }
  const link = item.urls.find((u) => httpUrl(hrefOf(u)) != null);
  const url = httpUrl(hrefOf(link));
  if (url == null) return null;
  const mediaType = item.mediaType ?? (link instanceof Link ? link.mediaType : null);
  return {
    type: typeOf(mediaType, item),
    url,
    mediaType,
    // Mastodon prefers summary, then name (MediaAttachmentParser#description).
    description: description(item.summary?.toString(), item.name?.toString()),
    blurhash: null,
    width: item instanceof Document ? dimension(item.width) : null,
    height: item instanceof Document ? dimension(item.height) : null,
    focus: null,
  };
}

/**
 * Mastodon's attachment type from the media type, else from the object's
 * type. GIFs stay images: Mastodon turns them into gifv only when it
 * transcodes a copy, and Parley keeps remote media by reference.
 */
function typeOf(mediaType: string | null, item: APObject | null): RemoteAttachmentInput["type"] {
  const major = mediaType?.split("/")[0]?.trim().toLowerCase();
  if (major === "image" || major === "video" || major === "audio") return major;
  if (mediaType == null) {
    if (item instanceof Image) return "image";
    if (item instanceof Video) return "video";
    if (item instanceof Audio) return "audio";
  }
  return "unknown";
}

// Alt text is plain text (docs/adr/0006-remote-html.md): markup removed, entities decoded.
function description(first: string | undefined, second: string | undefined): string | null {
  const raw = first?.trim() || second?.trim();
  const text = raw ? htmlToPlainText(raw.slice(0, MAX_DESCRIPTION_HTML)).trim() : "";
  return text ? text.slice(0, MAX_DESCRIPTION_LENGTH) : null;
}

function dimension(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}
