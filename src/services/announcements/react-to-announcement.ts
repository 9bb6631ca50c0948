// What users do with announcements: mark them read (dismiss) and react with a
// unicode emoji or one of the instance's custom emoji.
import { countReactionNames, deleteReaction, findActiveAnnouncement, insertDismissal, insertReaction } from "../../../db/queries/announcements.ts";
import { findLocalEmoji } from "../../../db/queries/custom-emojis.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";

// Mastodon's ReactionValidator allows this many different reactions per announcement.
const MAX_REACTION_NAMES = 8;
const UNICODE_EMOJI = /^(?:\p{RGI_Emoji}|\p{Extended_Pictographic}\uFE0F?)$/v;

interface ReactionInput {
  accountId: Id;
  announcementId: Id;
  name: string;
}

const notFound = () => fail("not-found", "Record not found");

/** Marks an active announcement read for the account. */
export async function dismissAnnouncement(deps: ServiceDeps, input: { accountId: Id; announcementId: Id }): Promise<Result<void>> {
  const now = Date.now();
  if (!(await findActiveAnnouncement(deps.db, input.announcementId, now))) return notFound();
  await writeTransaction(deps, (tx) => insertDismissal(tx, input.announcementId, input.accountId, now));
  return ok(undefined);
}

/** Adds the account's reaction to an active announcement. */
export async function addAnnouncementReaction(deps: ServiceDeps, input: ReactionInput): Promise<Result<void>> {
  const now = Date.now();
  if (!(await findActiveAnnouncement(deps.db, input.announcementId, now))) return notFound();
  const emoji = UNICODE_EMOJI.test(input.name) ? null : await findLocalEmoji(deps.db, input.name);
  if (emoji === undefined) return fail("validation", "Validation failed: Name is not a recognized emoji");
  const names = await countReactionNames(deps.db, input.announcementId, input.name);
  if (!names.includesName && names.count >= MAX_REACTION_NAMES) return fail("validation", "Validation failed: You cannot add more reactions");
  await writeTransaction(deps, (tx) =>
    insertReaction(tx, { announcement_id: input.announcementId, account_id: input.accountId, name: input.name, custom_emoji_id: emoji?.id ?? null, created_at: now })
  );
  return ok(undefined);
}

/** Removes the account's reaction from an active announcement. */
export async function removeAnnouncementReaction(deps: ServiceDeps, input: ReactionInput): Promise<Result<void>> {
  if (!(await findActiveAnnouncement(deps.db, input.announcementId, Date.now()))) return notFound();
  await writeTransaction(deps, (tx) => deleteReaction(tx, input.announcementId, input.accountId, input.name));
  return ok(undefined);
}
