// A local profile's bio and field values, from what the user typed to HTML,
// as Mastodon's TextFormatter renders them: links, mentions and hashtags; the
// bio in paragraphs, a field value on one line.
import { type MentionTarget, renderStatusText } from "./status-text.ts";

type TagUrl = (name: string) => string;

/** Renders a bio; `mentions` maps handles (as extractMentionHandles gives them) to known accounts. */
export function renderProfileNote(text: string, mentions: Map<string, MentionTarget>, tagUrl: TagUrl): string {
  return text.trim() === "" ? "" : renderStatusText(text, mentions, tagUrl).html;
}

/** Renders a profile field value on one line (no paragraph around it). */
export function renderFieldValue(value: string, mentions: Map<string, MentionTarget>, tagUrl: TagUrl): string {
  const line = value.replace(/[\r\n]+/g, " ").trim();
  if (line === "") return "";
  // One line renders as exactly one paragraph; a field value shows without it.
  return renderStatusText(line, mentions, tagUrl).html.slice("<p>".length, -"</p>".length);
}
