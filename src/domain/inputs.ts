// What services take in. Local actions (API) and federated ones (inbox) build
// these same inputs, so both travel one path (STYLE.md, principle 1).
import type { AccountField, ActorType, CustomEmoji, Millis, PollData, PublicKeyRecord, Visibility } from "../../db/schema/index.ts";

/** A remote actor as Parley keeps it; every HTML field already sanitized. */
export interface RemoteAccountInput {
  uri: string;
  username: string;
  /** Host of the actor's WebFinger handle (or of its URI), lowercased, with port if any. */
  domain: string;
  displayName: string;
  /** Sanitized HTML. */
  note: string;
  avatarUrl: string | null;
  headerUrl: string | null;
  /** Values are sanitized HTML. */
  fields: AccountField[];
  emojis: CustomEmoji[];
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  actorType: ActorType;
  url: string | null;
  inboxUrl: string;
  sharedInboxUrl: string | null;
  outboxUrl: string | null;
  followersUrl: string | null;
  followingUrl: string | null;
  featuredUrl: string | null;
  publicKeys: PublicKeyRecord[];
  alsoKnownAs: string[];
  /** The `movedTo` target's URI, when the actor has moved. */
  movedToUri: string | null;
  published: Millis | null;
}

/** A media attachment known by reference (remote media is not copied yet). */
export interface RemoteAttachmentInput {
  /** image, gifv, video, audio, unknown (Mastodon's attachment types). */
  type: "image" | "gifv" | "video" | "audio" | "unknown";
  url: string;
  mediaType: string | null;
  /** Alt text. */
  description: string | null;
  blurhash: string | null;
  width: number | null;
  height: number | null;
  /** Focal point x, y in [-1, 1]. */
  focus: { x: number; y: number } | null;
}

/** A remote post (Note, Question, Article, Page, ...) as Parley shows it. */
export interface RemoteStatusInput {
  uri: string;
  url: string | null;
  authorUri: string;
  /** ActivityStreams type of the object. */
  objectType: string;
  /** Sanitized HTML; for Article and Page, the name and a link are part of it. */
  content: string;
  /** Title of an Article or Page. */
  name: string | null;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string | null;
  inReplyToUri: string | null;
  /** Actor URIs of Mention tags. */
  mentionUris: string[];
  /** Hashtag names, without '#', as written. */
  tags: string[];
  emojis: CustomEmoji[];
  attachments: RemoteAttachmentInput[];
  poll: PollData | null;
  /** URI of a quoted post, when the object quotes one. */
  quoteUri: string | null;
  published: Millis;
  updated: Millis | null;
}
