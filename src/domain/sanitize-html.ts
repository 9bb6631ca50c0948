// Remote HTML, cut down to the markup Mastodon lets through
// (mastodon/mastodon lib/sanitize_ext/sanitize_config.rb, MASTODON_STRICT),
// and its plain-text reading. See docs/adr/0006-remote-html.md.
import { Parser } from "htmlparser2";
import sanitize from "sanitize-html";

const ALLOWED_TAGS = [
  "p", "br", "span", "a", "del", "s", "pre", "blockquote", "code",
  "b", "strong", "u", "i", "em", "ul", "ol", "li",
  // Kept only to be rewritten to <p><strong> below.
  "h1", "h2", "h3", "h4", "h5", "h6",
];

// Elements dropped together with everything inside them. Other unknown
// elements (div, img, table, ...) lose only their tags; their text stays.
const DROPPED_WITH_CONTENT = [
  "script", "style", "noscript", "template", "iframe", "frame", "frameset",
  "object", "embed", "applet", "svg", "math", "form", "button", "select",
  "option", "textarea", "canvas", "audio", "video", "head", "title",
];

const LINK_SCHEMES = ["http", "https", "mailto"];

// Elements that end a paragraph in plain text (li ends a line).
const BLOCKS = new Set(["p", "div", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr"]);

// Classes that carry meaning for clients: microformats of mentions and
// hashtags, and Mastodon's link shortening (invisible/ellipsis).
// quote-inline marks the "RE: <link>" fallback of a quote post, which
// Mastodon's own sanitizer keeps so that clients can hide it.
const SPAN_CLASSES = new Set(["h-card", "mention", "hashtag", "u-url", "invisible", "ellipsis", "quote-inline"]);
const LINK_CLASSES = new Set(["mention", "hashtag", "u-url"]);

const FORCED_REL = "nofollow noopener noreferrer";

/** Cleans remote HTML to Parley's allowlist; the result is safe to show as is. */
export function sanitizeHtml(html: string): string {
  const cleaned = sanitize(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      "*": ["lang"],
      a: ["href", "class", "rel", "target"],
      span: ["class"],
      ol: ["start", "reversed"],
      li: ["value"],
    },
    allowedSchemes: LINK_SCHEMES,
    allowedSchemesAppliedToAttributes: ["href"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: DROPPED_WITH_CONTENT,
    transformTags: {
      a: transformLink,
      span: (_tagName, attribs) => ({ tagName: "span", attribs: keepClasses(attribs, SPAN_CLASSES) }),
    },
  });
  // The sanitizer's output is well formed and attribute-free for headings, so
  // these exact tokens can only be heading tags. Mastodon turns headings into
  // a bold paragraph (UNSUPPORTED_ELEMENTS_TRANSFORMER).
  return cleaned
    .replace(/<h[1-6]>/g, "<p><strong>")
    .replace(/<\/h[1-6]>/g, "</strong></p>");
}

/**
 * Reads HTML as plain text: tags removed, entities decoded, paragraphs and
 * line breaks kept as newlines. For names, content warnings and search.
 */
export function htmlToPlainText(html: string): string {
  const dropped = new Set(DROPPED_WITH_CONTENT);
  const out = plainTextWriter();
  let droppedDepth = 0;
  let preDepth = 0;
  const parser = new Parser({
    onopentag(name) {
      if (droppedDepth > 0 || dropped.has(name)) {
        droppedDepth++;
        return;
      }
      if (name === "pre") preDepth++;
      if (name === "br") out.lineBreak();
      else if (name === "li") out.endLine();
      else if (BLOCKS.has(name)) out.endBlock();
    },
    onclosetag(name) {
      // Void elements report a close too, so open and close stay balanced.
      if (droppedDepth > 0) {
        droppedDepth--;
        return;
      }
      if (name === "pre") preDepth--;
      if (name === "li") out.endLine();
      else if (BLOCKS.has(name)) out.endBlock();
    },
    ontext(data) {
      if (droppedDepth === 0) out.text(data, preDepth > 0);
    },
  }, { decodeEntities: true, lowerCaseTags: true });
  parser.write(html);
  parser.end();
  return out.result();
}

// Builds the plain text in parts, tracking only what trails, so long
// documents cost linear time.
function plainTextWriter() {
  const parts: string[] = [];
  let trailingNewlines = -1; // -1: nothing written yet
  let pendingSpace = false;
  const newlines = (wanted: number) => {
    pendingSpace = false;
    if (trailingNewlines < 0) return;
    if (trailingNewlines < wanted) parts.push("\n".repeat(wanted - trailingNewlines));
    trailingNewlines = Math.max(trailingNewlines, wanted);
  };
  return {
    text(data: string, preformatted: boolean) {
      if (preformatted) {
        if (data === "") return;
        if (pendingSpace && trailingNewlines === 0) parts.push(" ");
        parts.push(data);
        pendingSpace = false;
        let trailing = 0;
        while (trailing < data.length && data[data.length - 1 - trailing] === "\n") trailing++;
        trailingNewlines = trailing === data.length ? Math.max(trailingNewlines, 0) + trailing : trailing;
        return;
      }
      // Outside <pre>, source whitespace is layout, as a browser renders it.
      const collapsed = data.replace(/[ \t\n\f\r]+/g, " ");
      const word = collapsed.trim();
      if (word === "") {
        pendingSpace ||= collapsed !== "";
        return;
      }
      if ((pendingSpace || collapsed.startsWith(" ")) && trailingNewlines === 0) parts.push(" ");
      parts.push(word);
      trailingNewlines = 0;
      pendingSpace = collapsed.endsWith(" ");
    },
    lineBreak() {
      pendingSpace = false;
      if (trailingNewlines < 0) trailingNewlines = 0;
      parts.push("\n");
      trailingNewlines++;
    },
    endLine: () => newlines(1),
    endBlock: () => newlines(2),
    result: () => parts.join("").replace(/\n{3,}/g, "\n\n").trim(),
  };
}

function transformLink(_tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  const href = normalizeHref(attribs.href ?? "");
  if (!isAllowedHref(href)) {
    // Like Mastodon's UNSUPPORTED_HREF_TRANSFORMER: a link we cannot keep
    // becomes its text. Renaming it to a tag outside the allowlist makes the
    // sanitizer drop the tag and keep the text.
    return { tagName: "unsafe-link", attribs: {} };
  }
  // A fresh object, so attributes come out in one order whatever the input's.
  const { class: classes, lang } = keepClasses(attribs, LINK_CLASSES);
  return {
    tagName: "a",
    attribs: {
      href,
      ...(classes != null ? { class: classes } : {}),
      rel: FORCED_REL,
      target: "_blank",
      ...(lang != null ? { lang } : {}),
    },
  };
}

// Reads an href the way a browser does (WHATWG URL parser): tabs and
// newlines anywhere are dropped and control characters and spaces trimmed at
// the ends, so "jav\tascript:" is javascript:. Entities are already decoded.
function normalizeHref(href: string): string {
  return href.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
}

/** True for absolute http, https and mailto URLs. */
function isAllowedHref(href: string): boolean {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href)?.[1]?.toLowerCase();
  return scheme != null && LINK_SCHEMES.includes(scheme);
}

function keepClasses(attribs: sanitize.Attributes, allowed: Set<string>): sanitize.Attributes {
  const { class: classes, ...rest } = attribs;
  const kept = (classes ?? "").split(/[\t\n\f\r ]+/).filter((c) => allowed.has(c));
  return kept.length > 0 ? { ...rest, class: kept.join(" ") } : rest;
}
