// What a web page says about itself for a preview card: OpenGraph, Twitter
// card and plain HTML metadata (title, description, author, language,
// publication time), read with htmlparser2, the tolerant streaming parser the
// status-link code already uses. No oEmbed: Parley embeds no third-party HTML.
import { Parser } from "htmlparser2";
import type { PreviewCardType } from "../../db/schema/preview-cards.ts";

export interface LinkMetadata {
  title: string;
  description: string;
  type: PreviewCardType;
  authorName: string;
  authorUrl: string;
  providerName: string;
  providerUrl: string;
  imageUrl: string | null;
  width: number;
  height: number;
  /** A player (video) or the image (photo); the page itself otherwise. */
  embedUrl: string;
  language: string | null;
  publishedAt: number | null;
}

// Lengths Mastodon's PreviewCard keeps; remote pages are untrusted.
const MAX_TITLE = 255;
const MAX_DESCRIPTION = 1000;

const clip = (text: string, max: number) => {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
};

// An http(s) URL relative to the page, or null.
function absolute(value: string | undefined, base: string): string | null {
  if (!value || !URL.canParse(value.trim(), base)) return null;
  const url = new URL(value.trim(), base);
  return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
}

const dimension = (value: string | undefined) => {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n > 0 && n < 100_000 ? n : 0;
};

// "en_US" (og:locale) or "en-US" (lang): the primary subtag, as Mastodon keeps a status's language.
function languageOf(value: string | undefined): string | null {
  const primary = value?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

function timeOf(value: string | undefined): number | null {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(time) ? time : null;
}

function readHead(html: string): { meta: Map<string, string>; title: string; lang: string | undefined } {
  const meta = new Map<string, string>();
  let title = "";
  let inTitle = false;
  let lang: string | undefined;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === "html") lang = attributes.lang;
      if (name === "title") inTitle = true;
      if (name !== "meta" || attributes.content === undefined) return;
      // OpenGraph uses property=, Twitter and plain HTML name=, schema.org itemprop=; the first value wins.
      const key = (attributes.property ?? attributes.name ?? attributes.itemprop ?? "").toLowerCase();
      if (key && !meta.has(key)) meta.set(key, attributes.content);
    },
    ontext(text) {
      if (inTitle) title += text;
    },
    onclosetag(name) {
      if (name === "title") inTitle = false;
    },
  });
  parser.write(html);
  parser.end();
  return { meta, title, lang };
}

/** The card metadata of the HTML page at pageUrl, or null when it has no title (Mastodon makes no card then). */
export function parseLinkMetadata(html: string, pageUrl: string): LinkMetadata | null {
  const { meta, title: documentTitle, lang } = readHead(html);
  const first = (...keys: string[]) => keys.map((k) => meta.get(k)?.trim()).find((v) => v);
  const title = clip(first("og:title", "twitter:title") ?? documentTitle, MAX_TITLE);
  if (!title) return null;
  const page = new URL(pageUrl);
  const imageUrl = absolute(first("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"), pageUrl);
  const player = absolute(first("og:video", "og:video:url", "og:video:secure_url", "twitter:player"), pageUrl);
  const photo = !player && imageUrl !== null && first("twitter:card") === "photo";
  const author = first("author", "article:author", "twitter:creator") ?? "";
  const authorIsUrl = absolute(author, pageUrl) !== null && /^https?:/i.test(author);
  return {
    title,
    description: clip(first("og:description", "twitter:description", "description") ?? "", MAX_DESCRIPTION),
    type: player ? "video" : photo ? "photo" : "link",
    authorName: authorIsUrl ? "" : clip(author, MAX_TITLE),
    authorUrl: authorIsUrl ? absolute(author, pageUrl)! : "",
    providerName: clip(first("og:site_name", "application-name") ?? page.host, MAX_TITLE),
    providerUrl: page.origin,
    imageUrl,
    width: dimension(first(player ? "og:video:width" : "og:image:width", "twitter:player:width")),
    height: dimension(first(player ? "og:video:height" : "og:image:height", "twitter:player:height")),
    embedUrl: player ?? (photo ? imageUrl! : pageUrl),
    language: languageOf(lang) ?? languageOf(first("og:locale")),
    publishedAt: timeOf(first("article:published_time", "og:published_time", "datepublished", "date")),
  };
}
