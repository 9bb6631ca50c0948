// The profile parts of an actor: avatar and header images, profile fields.
import { type Actor, type Image, PropertyValue } from "@fedify/vocab";
import type { AccountField } from "../../db/schema/index.ts";
import { htmlToPlainText, sanitizeHtml } from "../../src/domain/sanitize-html.ts";
import { collect, getterOptions, type MapperOptions } from "./read-safely.ts";
import { hrefOf, httpUrl } from "./urls.ts";

// Mastodon shows four fields; remote servers allow more, but not unbounded.
const MAX_FIELDS = 50;
const MAX_FIELD_NAME = 255;
// Raw HTML read per field value; a bound before the sanitizer, not a display limit.
const MAX_FIELD_VALUE_HTML = 4096;

/**
 * The first http(s) URL of an embedded Image (icon or image). A bare URL in
 * place of the Image is a reference Mastodon would fetch; mappers do not, so
 * that yields null.
 */
export function imageUrl(image: Image | null): string | null {
  if (image == null) return null;
  for (const url of image.urls) {
    const href = httpUrl(hrefOf(url));
    if (href != null) return href;
  }
  return null;
}

/** Avatar and header URLs, each read on its own. */
export async function readImages(actor: Actor, options: MapperOptions): Promise<{ avatarUrl: string | null; headerUrl: string | null }> {
  // The images are the actor's own claims; they may sit on a media host.
  const lookup = getterOptions(options, "trust");
  const [avatarUrl, headerUrl] = await Promise.all([
    actor.getIcon(lookup).then(imageUrl, () => null),
    actor.getImage(lookup).then(imageUrl, () => null),
  ]);
  return { avatarUrl, headerUrl };
}

/** Profile fields from PropertyValue attachments: names as plain text, values as sanitized HTML. */
export async function readFields(actor: Actor, options: MapperOptions): Promise<AccountField[]> {
  const items = await collect(actor.id, "attachment", () => actor.getAttachments(getterOptions(options, "trust")), MAX_FIELDS * 2);
  const fields: AccountField[] = [];
  for (const item of items) {
    if (!(item instanceof PropertyValue) || fields.length >= MAX_FIELDS) continue;
    const name = htmlToPlainText(item.name?.toString() ?? "").slice(0, MAX_FIELD_NAME);
    const value = sanitizeHtml((item.value?.toString() ?? "").slice(0, MAX_FIELD_VALUE_HTML));
    if (name !== "" || value !== "") fields.push({ name, value, verifiedAt: null });
  }
  return fields;
}
