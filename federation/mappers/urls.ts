// URL-valued properties of remote documents, which arrive as bare IRIs or as
// Link objects, one or many.
import { Link } from "@fedify/vocab";

// Longer URLs are refused (ADR 19): none is real, and an indexed column of
// PostgreSQL holds at most about 2,700 bytes per entry.
export const MAX_URL_LENGTH = 2048;

/** The URL as a string when it is http or https and at most MAX_URL_LENGTH long, else null: others never reach clients. */
export function httpUrl(url: URL | string | null | undefined): string | null {
  if (url == null) return null;
  const parsed = typeof url === "string" ? URL.parse(url) : url;
  if (parsed == null || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) return null;
  return parsed.href.length <= MAX_URL_LENGTH ? parsed.href : null;
}

/** The target of a URL-or-Link value. */
export function hrefOf(value: URL | Link | null | undefined): URL | null {
  if (value == null) return null;
  return value instanceof Link ? value.href : value;
}

/**
 * The page a person should open among the `url` values: the first Link whose
 * mediaType is text/html, else the first value. Mastodon picks the same way
 * (JsonLdHelper#url_to_href with 'text/html').
 */
export function pageUrl(values: readonly (URL | Link)[]): string | null {
  const html = values.find((v) => v instanceof Link && v.mediaType?.split(";")[0]?.trim() === "text/html");
  for (const value of html ? [html, ...values] : values) {
    const url = httpUrl(hrefOf(value));
    if (url != null) return url;
  }
  return null;
}

/** The last non-empty path segment of a URL (a username of last resort), decoded. */
export function lastPathSegment(url: URL): string | null {
  const segment = url.pathname.split("/").filter((s) => s !== "").at(-1);
  if (segment == null) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
