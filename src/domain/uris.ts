// The URIs of local things, in one place. Services mint ids with these; the
// Fedify dispatchers (federation/paths.ts) serve the same paths, so every URI
// Parley hands out is dereferenceable.
import type { Id } from "../../db/schema/index.ts";

export interface LocalUris {
  origin: string;
  /** Host as it appears in handles: includes the port when the public URL has one. */
  host: string;
  actor(username: string): string;
  profileUrl(username: string): string;
  status(username: string, statusId: Id): string;
  statusUrl(username: string, statusId: Id): string;
  /** A fresh id for an activity that has no object of its own (Follow, Like, Block, Undo...). */
  activity(username: string, kind: string, id: Id): string;
  /** Whether a URI belongs to this instance. */
  isLocal(uri: string): boolean;
}

/** Builds the URI scheme of an instance from its canonical public origin. */
export function localUris(publicUrl: URL): LocalUris {
  const origin = publicUrl.origin;
  const actor = (username: string) => `${origin}/users/${encodeURIComponent(username)}`;
  return {
    origin,
    host: publicUrl.host,
    actor,
    profileUrl: (username) => `${origin}/@${encodeURIComponent(username)}`,
    status: (username, statusId) => `${actor(username)}/statuses/${statusId}`,
    statusUrl: (username, statusId) => `${origin}/@${encodeURIComponent(username)}/${statusId}`,
    activity: (username, kind, id) => `${actor(username)}#${kind}/${id}`,
    isLocal: (uri) => {
      try {
        return new URL(uri).origin === origin;
      } catch {
        return false;
      }
    },
  };
}
