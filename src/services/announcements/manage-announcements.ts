// Announcements are an operator's action (the CLI now, the admin API later):
// published at once or at a given time, optionally describing an event with
// a start and an end; they stop showing once their end has passed.
import { type AnnouncementRow, deleteAnnouncement, insertAnnouncement } from "../../../db/queries/announcements.ts";
import type { Id } from "../../../db/schema/index.ts";
import { isId } from "../../domain/ids.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { textToHtml } from "../instance/instance-settings.ts";

const MAX_TEXT = 10_000;

export interface NewAnnouncement {
  text: string;
  startsAt?: number | null;
  endsAt?: number | null;
  allDay?: boolean;
  /** When it shows; now when absent. */
  publishAt?: number | null;
}

/** Creates an announcement; plain text is rendered like a post (links, hashtags), HTML is cleaned. */
export async function createAnnouncement(deps: ServiceDeps, input: NewAnnouncement): Promise<Result<AnnouncementRow>> {
  const text = input.text.trim();
  if (!text) return fail("validation", "An announcement needs a text");
  if ([...text].length > MAX_TEXT) return fail("validation", `An announcement is at most ${MAX_TEXT} characters`);
  const startsAt = input.startsAt ?? null;
  const endsAt = input.endsAt ?? null;
  if (startsAt !== null && endsAt !== null && endsAt < startsAt) return fail("validation", "An announcement cannot end before it starts");
  const now = Date.now();
  const row: AnnouncementRow = {
    id: deps.ids.next(),
    text,
    content: textToHtml(deps, text),
    starts_at: startsAt,
    ends_at: endsAt,
    // Mastodon: all_day is false without both times.
    all_day: input.allDay && startsAt !== null && endsAt !== null ? 1 : 0,
    published_at: input.publishAt ?? now,
    created_at: now,
    updated_at: now,
  };
  await writeTransaction(deps, (tx) => insertAnnouncement(tx, row));
  return ok(row);
}

/** Deletes an announcement with its reactions and dismissals. */
export async function removeAnnouncement(deps: ServiceDeps, id: Id): Promise<Result<void>> {
  if (!isId(id)) return fail("not-found", "Record not found");
  const removed = await writeTransaction(deps, (tx) => deleteAnnouncement(tx, id));
  return removed ? ok(undefined) : fail("not-found", "Record not found");
}
