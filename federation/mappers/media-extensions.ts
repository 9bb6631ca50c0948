// Mastodon's media extensions (toot:blurhash, toot:focalPoint), which
// Fedify's Document does not model, read from the JSON as received.
// Every server that sends them uses Mastodon's terms "blurhash" and
// "focalPoint" (https://docs.joinmastodon.org/spec/activitypub/#as), so they
// are read by those names, as Mastodon itself reads them.

/** Blurhash and focal point of one attachment. */
export interface MediaExtensions {
  blurhash: string | null;
  focus: { x: number; y: number } | null;
}

/** The extensions of each attachment in a compacted object, keyed by the attachment's URL. */
export function readMediaExtensions(json: unknown): Map<string, MediaExtensions> {
  const result = new Map<string, MediaExtensions>();
  if (!isRecord(json)) return result;
  for (const item of asArray(json.attachment)) {
    if (!isRecord(item)) continue;
    const url = firstHref(item.url);
    if (url == null || result.has(url)) continue;
    const blurhash = typeof item.blurhash === "string" && isValidBlurhash(item.blurhash) ? item.blurhash : null;
    const focus = focusOf(item.focalPoint);
    if (blurhash != null || focus != null) result.set(url, { blurhash, focus });
  }
  return result;
}

function firstHref(value: unknown): string | null {
  for (const item of asArray(value)) {
    const href = typeof item === "string" ? item : isRecord(item) && typeof item.href === "string" ? item.href : null;
    // Normalized as Fedify normalizes the URL it gives us, so both sides match.
    const url = href == null ? null : URL.parse(href);
    if (url != null) return url.href;
  }
  return null;
}

function focusOf(value: unknown): { x: number; y: number } | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [x, y] = value;
  const valid = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n >= -1 && n <= 1;
  return valid(x) && valid(y) ? { x, y } : null;
}

const BASE83 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

/**
 * A well-formed blurhash of at most 5x5 components, the bound Mastodon
 * applies (MediaAttachmentParser#supported_blurhash?); anything else is
 * dropped rather than handed to clients that decode it.
 */
export function isValidBlurhash(hash: string): boolean {
  if (hash.length < 6 || hash.length > 54) return false;
  if ([...hash].some((c) => !BASE83.includes(c))) return false;
  const size = BASE83.indexOf(hash[0]!);
  const x = (size % 9) + 1;
  const y = Math.floor(size / 9) + 1;
  return x <= 5 && y <= 5 && hash.length === 4 + 2 * x * y;
}

function asArray(value: unknown): unknown[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value != null && !Array.isArray(value);
}
