// Mastodon's streams (methods/streaming): names, the parameters some take, the
// scope each needs, and how a stream is named back to the client.
import type { Id } from "../../../db/schema/index.ts";
import { isId } from "../../domain/ids.ts";
import { fail, ok, type Result } from "../../domain/result.ts";

const STREAM_NAMES = [
  "user", "user:notification",
  "public", "public:media", "public:local", "public:local:media", "public:remote", "public:remote:media",
  "hashtag", "hashtag:local", "list", "direct",
] as const;

export type StreamName = (typeof STREAM_NAMES)[number];

export interface Stream {
  name: StreamName;
  /** Lowercased, without '#': hashtag streams. */
  tag?: string;
  /** List streams. */
  list?: Id;
}

/** Parameters a client names a stream with (query string or a WebSocket message). */
export interface StreamParams {
  tag?: unknown;
  list?: unknown;
}

const isStreamName = (name: string): name is StreamName => (STREAM_NAMES as readonly string[]).includes(name);

/** Reads a stream from its name and parameters; a missing tag or list, or an unknown name, is a failure. */
export function parseStream(name: unknown, params: StreamParams): Result<Stream> {
  if (typeof name !== "string" || !isStreamName(name)) return fail("validation", "Unknown stream type");
  if (name === "hashtag" || name === "hashtag:local") {
    const tag = typeof params.tag === "string" ? params.tag.replace(/^#/, "").trim().toLowerCase() : "";
    return tag ? ok({ name, tag }) : fail("validation", "No tag for stream provided");
  }
  if (name === "list") {
    const list = typeof params.list === "string" || typeof params.list === "number" ? String(params.list) : "";
    return isId(list) ? ok({ name, list }) : fail("not-found", "Record not found");
  }
  return ok({ name });
}

/** One key per distinct stream: subscribing twice is subscribing once. */
export function streamKey(stream: Stream): string {
  return [stream.name, stream.tag ?? stream.list ?? ""].join("\u0000");
}

/** The `stream` array of a WebSocket event: the name, then the tag or list id (Mastodon's streamNameFromChannelName). */
export function streamLabel(stream: Stream): string[] {
  const parameter = stream.tag ?? stream.list;
  return parameter === undefined ? [stream.name] : [stream.name, parameter];
}

/**
 * The scope a stream needs: notifications alone need read:notifications, every
 * other stream read:statuses ("read" covers both), as Mastodon's checkScopes.
 */
export function streamScope(name: StreamName): string {
  return name === "user:notification" ? "read:notifications" : "read:statuses";
}

/** Whether a stream is one of the public timelines or hashtags (the same statuses for everyone). */
export function isPublicStream(name: StreamName): boolean {
  return name.startsWith("public") || name.startsWith("hashtag");
}
