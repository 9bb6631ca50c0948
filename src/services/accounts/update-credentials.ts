// PATCH /api/v1/accounts/update_credentials: the profile as the user typed it
// (bio and field values rendered to HTML here, images cropped by the media
// service) and their posting defaults.
// The profile part goes through updateProfile, which federates Update(Person).
import { findAccountById, type AccountRow } from "../../../db/queries/accounts.ts";
import { findAccountByAcct } from "../../../db/queries/account-search.ts";
import { findRequesterIds } from "../../../db/queries/related-accounts.ts";
import { findUserSettings, writeUserSettings } from "../../../db/queries/user-settings.ts";
import type { AccountField, Id, Visibility } from "../../../db/schema/index.ts";
import { renderFieldValue, renderProfileNote } from "../../domain/profile-text.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { extractMentionHandles, type MentionTarget } from "../../domain/status-text.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { acceptFollowRequest } from "../follows/accept-follow-request.ts";
import { processProfileImage } from "../media/profile-image.ts";
import { type ProfileChanges, updateProfile } from "./update-profile.ts";

export interface CredentialsInput {
  displayName?: string;
  /** Plain text. */
  note?: string;
  /** Plain names and values. */
  fields?: { name: string; value: string }[];
  locked?: boolean;
  bot?: boolean;
  discoverable?: boolean;
  /** Uploaded image files, cropped and stored by the media service. */
  avatar?: Uint8Array;
  header?: Uint8Array;
  privacy?: Visibility;
  sensitive?: boolean;
  language?: string | null;
}

// Mastodon's limits (Account model validations and Account::Field).
const MAX_NOTE = 500;
const MAX_FIELD_PART = 255;
const LANGUAGE = /^[a-z]{2,3}$/;

function validate(input: CredentialsInput): string | null {
  if (input.note !== undefined && [...input.note].length > MAX_NOTE) return `Note is too long (maximum is ${MAX_NOTE} characters)`;
  if (input.fields?.some((f) => [...f.name].length > MAX_FIELD_PART || [...f.value].length > MAX_FIELD_PART)) {
    return `Profile fields are too long (maximum is ${MAX_FIELD_PART} characters)`;
  }
  if (input.privacy === "direct") return "Default privacy is not included in the list";
  if (input.language && !LANGUAGE.test(input.language)) return "Default language is not a known language";
  return null;
}

/** Known accounts (no network) behind the handles a text mentions. */
async function knownMentions(deps: ServiceDeps, texts: string[]): Promise<Map<string, MentionTarget>> {
  const mentions = new Map<string, MentionTarget>();
  const localHost = deps.uris.host.toLowerCase();
  for (const handle of new Set(texts.flatMap(extractMentionHandles))) {
    const [username, host] = handle.split("@") as [string, string | undefined];
    const account = await findAccountByAcct(deps.db, username, !host || host === localHost ? null : host);
    if (account) mentions.set(handle, { id: account.id, username: account.username, url: account.url ?? account.uri });
  }
  return mentions;
}

async function profileChanges(deps: ServiceDeps, input: CredentialsInput): Promise<ProfileChanges> {
  const tagUrl = (name: string) => `${deps.uris.origin}/tags/${encodeURIComponent(name.toLowerCase())}`;
  const fields = input.fields?.filter((f) => f.name.trim() !== "" || f.value.trim() !== "");
  const mentions = await knownMentions(deps, [input.note ?? "", ...(fields ?? []).map((f) => f.value)]);
  return {
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    ...(input.note !== undefined ? { note: renderProfileNote(input.note, mentions, tagUrl) } : {}),
    ...(fields !== undefined
      ? { fields: fields.map((f): AccountField => ({ name: f.name.trim(), value: renderFieldValue(f.value, mentions, tagUrl), verifiedAt: null })) }
      : {}),
    ...(input.locked !== undefined ? { locked: input.locked } : {}),
    ...(input.bot !== undefined ? { bot: input.bot } : {}),
    ...(input.discoverable !== undefined ? { discoverable: input.discoverable } : {}),
  };
}

/** Applies profile and settings changes; unlocking approves the pending requests, as Mastodon does. */
export async function updateCredentials(deps: ServiceDeps, accountId: Id, input: CredentialsInput): Promise<Result<AccountRow>> {
  const problem = validate(input);
  if (problem) return fail("validation", problem);
  const before = await findAccountById(deps.db, accountId);
  if (!before || before.domain !== null || before.deleted_at !== null) return fail("not-found", "Record not found");

  const changes = await profileChanges(deps, input);
  for (const kind of ["avatar", "header"] as const) {
    const bytes = input[kind];
    if (!bytes) continue;
    const image = await processProfileImage(deps, bytes, kind);
    if (!image.ok) return image;
    changes[kind === "avatar" ? "avatarUrl" : "headerUrl"] = image.value.url;
  }
  let account = before;
  if (Object.keys(changes).length > 0) {
    const updated = await updateProfile(deps, accountId, changes);
    if (!updated.ok) return updated;
    account = updated.value;
  }
  if (input.privacy !== undefined || input.sensitive !== undefined || input.language !== undefined) {
    const settings = await findUserSettings(deps.db, accountId);
    await writeTransaction(deps, (tx) =>
      writeUserSettings(tx, {
        ...settings,
        ...(input.privacy !== undefined ? { default_privacy: input.privacy as typeof settings.default_privacy } : {}),
        ...(input.sensitive !== undefined ? { default_sensitive: input.sensitive ? 1 : 0 } : {}),
        ...(input.language !== undefined ? { default_language: input.language || null } : {}),
        updated_at: Date.now(),
      }));
  }
  if (before.locked === 1 && input.locked === false) {
    for (const followerId of await findRequesterIds(deps.db, accountId)) {
      await acceptFollowRequest(deps, { followerId, targetId: accountId, origin: "local" });
    }
  }
  return ok(account);
}
