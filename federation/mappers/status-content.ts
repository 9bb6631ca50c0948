// The text of a remote post: content, content warning, title, language.
import { Article, Audio, Event, Image, LanguageString, type Object as APObject, Page, Video } from "@fedify/vocab";
import { htmlToPlainText, sanitizeHtml } from "../../src/domain/sanitize-html.ts";

// Raw HTML read from one property; a bound before the sanitizer, far above
// any real post, so a hostile document cannot make us store megabytes.
const MAX_HTML = 128 * 1024;
const MAX_TITLE = 500;

/** The text parts of a status, ready for RemoteStatusInput. */
export interface StatusText {
  content: string;
  name: string | null;
  spoilerText: string;
  language: string | null;
}

/**
 * Mastodon's CONVERTED_TYPES (ActivityPub::Activity): objects that are not
 * posts themselves but are shown as one, by title and link.
 */
export function isConvertedType(object: APObject): boolean {
  return object instanceof Article || object instanceof Page || object instanceof Event ||
    object instanceof Video || object instanceof Audio || object instanceof Image;
}

/**
 * Reads the text of a post. Notes and the like keep their content and use
 * their summary as the content warning. Converted types (Article, Page, ...)
 * become a linked title followed by their summary (an excerpt, not a warning)
 * or, when they have none, their HTML body. Mastodon shows title, summary and
 * link (ActivityPub::Parser::StatusParser#processed_text) and drops the body;
 * we keep the body because Lemmy and Mobilizon put the only text there.
 */
export function readStatusText(object: APObject, link: string): StatusText {
  const summary = pick(object.summaries);
  const language = languageOf(object.contents) ?? languageOf(object.names) ?? languageOf(object.summaries);
  if (!isConvertedType(object)) {
    return {
      content: sanitizeHtml(bounded(pick(object.contents))),
      name: null,
      spoilerText: htmlToPlainText(bounded(summary)),
      language,
    };
  }
  const title = htmlToPlainText(bounded(pick(object.names))).slice(0, MAX_TITLE);
  const body = summary.trim() !== "" ? summary : isHtml(object.mediaType) ? pick(object.contents) : "";
  const heading = `<p><a href="${escapeHtml(link)}">${escapeHtml(title || link)}</a></p>`;
  return {
    content: sanitizeHtml(heading + bounded(body)),
    name: title || null,
    spoilerText: "",
    language,
  };
}

/**
 * The text among a property's values: the plain value if there is one, else
 * the first language-tagged one (Mastodon: content, else contentMap's first).
 */
function pick(values: readonly (string | LanguageString)[]): string {
  const nonEmpty = values.filter((v) => v.toString().trim() !== "");
  const plain = nonEmpty.find((v) => !(v instanceof LanguageString));
  return (plain ?? nonEmpty[0] ?? "").toString();
}

/** The first language tag among a property's values; "und" (undetermined) is none. */
function languageOf(values: readonly (string | LanguageString)[]): string | null {
  for (const value of values) {
    if (!(value instanceof LanguageString)) continue;
    const tag = value.locale.baseName;
    if (tag !== "und") return tag;
  }
  return null;
}

// The body of a converted object is HTML unless it says otherwise;
// PeerTube sends Markdown, which would lose its line breaks as HTML.
function isHtml(mediaType: string | null): boolean {
  return mediaType == null || mediaType.split(";")[0]?.trim().toLowerCase() === "text/html";
}

function bounded(html: string): string {
  return html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
