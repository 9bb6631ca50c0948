// A status's source as Mastodon's StatusSource entity (for editing it).
import type { StatusRow } from "../../db/queries/statuses.ts";

export interface StatusSourceEntity {
  id: string;
  text: string;
  spoiler_text: string;
}

/** Serializes the plain source of a local status. */
export function serializeStatusSource(status: StatusRow): StatusSourceEntity {
  return { id: status.id, text: status.text ?? "", spoiler_text: status.spoiler_text };
}
