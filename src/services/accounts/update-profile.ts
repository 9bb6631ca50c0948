// Changing a local profile (API, CLI). Remote profile changes arrive as
// Update(Person) and go through upsertRemoteAccount instead.
import { type AccountRow, findAccountById, updateAccount } from "../../../db/queries/accounts.ts";
import type { AccountField, Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { accountSubject, enforceProfileVerdict, runRules } from "../moderation/check-rules.ts";

export interface ProfileChanges {
  displayName?: string;
  /** HTML, already rendered from the user's text. */
  note?: string;
  locked?: boolean;
  bot?: boolean;
  discoverable?: boolean;
  fields?: AccountField[];
  avatarUrl?: string | null;
  headerUrl?: string | null;
}

/** Updates a local account's profile and federates it as Update(Person). */
export async function updateProfile(deps: ServiceDeps, accountId: Id, changes: ProfileChanges): Promise<Result<AccountRow>> {
  const account = await findAccountById(deps.db, accountId);
  if (!account || account.domain !== null || account.deleted_at !== null) return fail("not-found", "Record not found");
  if (changes.displayName !== undefined && [...changes.displayName].length > 30) {
    return fail("validation", "Display name is too long (maximum is 30 characters)");
  }
  if (changes.fields && changes.fields.length > 4) return fail("validation", "Too many profile fields (maximum is 4)");
  const verdict = changes.displayName === undefined && changes.note === undefined ? { flags: [] } : await runRules(deps, () =>
    accountSubject({ displayName: changes.displayName ?? account.display_name, note: changes.note ?? account.note, createdAt: account.created_at }), { uri: account.uri, accountId: account.id });
  if (verdict.reject) return fail("validation", "This profile breaks a rule of this server and was not saved");
  return writeTransaction(deps, async (tx, emit) => {
    await updateAccount(tx, account.id, {
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.note !== undefined ? { note: changes.note } : {}),
      ...(changes.locked !== undefined ? { locked: changes.locked ? 1 : 0 } : {}),
      ...(changes.bot !== undefined ? { bot: changes.bot ? 1 : 0, actor_type: changes.bot ? "Service" : "Person" } : {}),
      ...(changes.discoverable !== undefined ? { discoverable: changes.discoverable ? 1 : 0 } : {}),
      ...(changes.fields !== undefined ? { fields: JSON.stringify(changes.fields) } : {}),
      ...(changes.avatarUrl !== undefined ? { avatar_url: changes.avatarUrl } : {}),
      ...(changes.headerUrl !== undefined ? { header_url: changes.headerUrl } : {}),
      updated_at: Date.now(),
    });
    await enforceProfileVerdict(deps, tx, emit, account.id, verdict);
    const activityId = deps.uris.activity(account.username, "updates", deps.ids.next());
    emit({ type: "account.updated", accountId: account.id, activityId }, { federate: true });
    return ok((await findAccountById(tx, account.id))!);
  });
}
