// The input of createStatus and updateStatus: what a local post (API) and a
// remote one (inbox, after resolving accounts) both become.
import type { CustomEmoji, Id, Millis, PollData, Visibility } from "../../../db/schema/index.ts";
import type { Origin } from "../../domain/events.ts";
import type { RemoteAttachmentInput } from "../../domain/inputs.ts";

export interface StatusDraft {
  origin: Origin;
  accountId: Id;
  /** Remote statuses bring their URI and URL; local ones get minted ones. */
  uri?: string;
  url?: string | null;
  objectType?: string;
  /** HTML: rendered from text for local posts, sanitized for remote ones. */
  content: string;
  /** The plain source of a local post. */
  text?: string | null;
  name?: string | null;
  spoilerText?: string;
  sensitive?: boolean;
  visibility: Visibility;
  language?: string | null;
  inReplyToId?: Id | null;
  /** The parent's URI even when the parent itself is unknown. */
  inReplyToUri?: string | null;
  mentionAccountIds?: Id[];
  tagNames?: string[];
  emojis?: CustomEmoji[];
  /** Remote media, known by reference. */
  attachments?: RemoteAttachmentInput[];
  /** A local post's uploads (claimed from the media service), in order. */
  mediaIds?: Id[];
  poll?: PollData | null;
  /** The OAuth application a local status is posted with. */
  applicationId?: Id | null;
  /** Claimed in the creating transaction: a second creation with the same key fails with "conflict". */
  idempotencyKey?: string | null;
  /** Publication time of a remote status; local ones are now. */
  createdAt?: Millis;
  editedAt?: Millis | null;
}

export const VISIBILITIES: readonly Visibility[] = ["public", "unlisted", "private", "direct"];
export const MAX_LOCAL_CHARACTERS = 500;

/** Why a local post's text is refused (too long, or blank without media or a poll), or null: for posts, edits and scheduled posts alike. */
export function localTextProblem(post: { text?: string | null; spoilerText?: string | null; hasMedia: boolean; hasPoll: boolean }): string | null {
  const length = [...(post.text ?? "")].length + [...(post.spoilerText ?? "")].length;
  if (length > MAX_LOCAL_CHARACTERS) return `Text is too long (maximum is ${MAX_LOCAL_CHARACTERS} characters)`;
  if (!post.text?.trim() && !post.hasMedia && !post.hasPoll) return "Text can't be blank";
  return null;
}
