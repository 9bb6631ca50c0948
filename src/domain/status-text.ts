// Local post text to HTML, as Mastodon renders it: paragraphs and line breaks,
// links, @mentions (h-card spans) and #hashtags. Pure: mentions arrive resolved.

/** A mentioned account as the renderer needs it. */
export interface MentionTarget {
  id: string;
  username: string;
  /** Profile URL the mention links to. */
  url: string;
}

// Mastodon's mention syntax: @user or @user@host (host may carry a port).
const MENTION = /(?<=^|[^\w@/])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_])?)(?:@([a-z0-9.-]+(?::\d+)?[a-z0-9]))?/gi;
const HASHTAG = /(?<=^|[^\w#/&])#([\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/gu;
const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

/** The handles a text mentions, lowercased: "user" for local, "user@host" for remote. */
export function extractMentionHandles(text: string): string[] {
  const handles = new Set<string>();
  for (const match of text.matchAll(MENTION)) handles.add((match[2] ? `${match[1]}@${match[2]}` : match[1]!).toLowerCase());
  return [...handles];
}

/** Hashtag names in a text, as written, without duplicates (case-insensitive). */
export function extractHashtags(text: string): string[] {
  const seen = new Map<string, string>();
  for (const match of text.matchAll(HASHTAG)) if (!seen.has(match[1]!.toLowerCase())) seen.set(match[1]!.toLowerCase(), match[1]!);
  return [...seen.values()];
}

export interface RenderedText {
  html: string;
  mentionedIds: string[];
  tags: string[];
}

/** Renders text to HTML; `mentions` maps handles from extractMentionHandles to accounts. */
export function renderStatusText(text: string, mentions: Map<string, MentionTarget>, tagUrl: (name: string) => string): RenderedText {
  const mentionedIds = new Set<string>();
  const tokens = new RegExp(`${URL_PATTERN.source}|${MENTION.source}|${HASHTAG.source}`, "giu");
  const renderLine = (line: string): string => {
    let html = "";
    let last = 0;
    for (const match of line.matchAll(tokens)) {
      html += escapeHtml(line.slice(last, match.index));
      last = match.index + match[0].length;
      const token = match[0];
      if (token.startsWith("@")) {
        const target = mentions.get(token.slice(1).toLowerCase());
        if (target) {
          mentionedIds.add(target.id);
          html += `<span class="h-card"><a href="${escapeHtml(target.url)}" class="u-url mention">@<span>${escapeHtml(target.username)}</span></a></span>`;
        } else html += escapeHtml(token);
      } else if (token.startsWith("#")) {
        const name = token.slice(1);
        html += `<a href="${escapeHtml(tagUrl(name))}" class="mention hashtag" rel="tag">#<span>${escapeHtml(name)}</span></a>`;
      } else {
        html += `<a href="${escapeHtml(token)}" target="_blank" rel="nofollow noopener noreferrer">${escapeHtml(token)}</a>`;
      }
    }
    return html + escapeHtml(line.slice(last));
  };
  const paragraphs = text.replace(/\r\n?/g, "\n").trim().split(/\n{2,}/);
  const html = paragraphs.map((p) => `<p>${p.split("\n").map(renderLine).join("<br>")}</p>`).join("");
  return { html, mentionedIds: [...mentionedIds], tags: extractHashtags(text) };
}
