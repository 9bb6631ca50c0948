// What serializers need to know about the instance: its origin and host.
import type { LocalUris } from "../domain/uris.ts";

export interface EntityContext {
  uris: LocalUris;
}

/** ISO 8601 with milliseconds, as Mastodon writes times. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Default avatar and header when an account has none (Mastodon serves "missing.png"). */
export function defaultImage(ctx: EntityContext, kind: "avatar" | "header"): string {
  return `${ctx.uris.origin}/${kind === "avatar" ? "avatars" : "headers"}/original/missing.png`;
}
