// Stores what a remote actor document says: inserts a new remote account or
// refreshes a known one. Inbound Update(Person) and first sight both land here.
import { findAccountByUri, insertAccount, updateAccount, type AccountRow } from "../../../db/queries/accounts.ts";
import type { RemoteAccountInput } from "../../domain/inputs.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { accountSubject, enforceProfileVerdict, runRules } from "../moderation/check-rules.ts";

function columnsOf(input: RemoteAccountInput, now: number) {
  return {
    username: input.username,
    domain: input.domain.toLowerCase(),
    display_name: input.displayName,
    note: input.note,
    avatar_url: input.avatarUrl,
    header_url: input.headerUrl,
    fields: JSON.stringify(input.fields),
    emojis: JSON.stringify(input.emojis),
    locked: input.locked ? 1 : 0,
    bot: input.bot ? 1 : 0,
    discoverable: input.discoverable ? 1 : 0,
    actor_type: input.actorType,
    url: input.url,
    inbox_url: input.inboxUrl,
    shared_inbox_url: input.sharedInboxUrl,
    outbox_url: input.outboxUrl,
    followers_url: input.followersUrl,
    following_url: input.followingUrl,
    featured_url: input.featuredUrl,
    public_keys: JSON.stringify(input.publicKeys),
    also_known_as: JSON.stringify(input.alsoKnownAs),
    updated_at: now,
    fetched_at: now,
  };
}

/**
 * Inserts or refreshes a remote account by its actor URI; local URIs are refused. A profile an
 * automatic rule rejects is dropped: a known account keeps what it had, a new one is refused.
 */
export async function upsertRemoteAccount(deps: ServiceDeps, input: RemoteAccountInput): Promise<Result<AccountRow>> {
  if (deps.uris.isLocal(input.uri)) return fail("forbidden", "A remote actor cannot claim a local URI");
  const now = Date.now();
  const verdict = await runRules(deps, () => accountSubject({ displayName: input.displayName, note: input.note, createdAt: input.published ?? now }), { uri: input.uri, accountId: null });
  if (verdict.reject) {
    const known = await findAccountByUri(deps.db, input.uri);
    return known ? ok(known) : fail("forbidden", "Refused by an automatic rule");
  }
  return writeTransaction(deps, async (tx, emit) => {
    const existing = await findAccountByUri(tx, input.uri);
    const moved = input.movedToUri ? await findAccountByUri(tx, input.movedToUri) : undefined;
    const columns = { ...columnsOf(input, now), moved_to_account_id: moved?.id ?? null };
    if (existing) {
      await updateAccount(tx, existing.id, columns);
    } else {
      await insertAccount(tx, {
        id: deps.ids.at(input.published ?? now),
        uri: input.uri,
        ...columns,
        followers_count: 0,
        following_count: 0,
        statuses_count: 0,
        last_status_at: null,
        created_at: input.published ?? now,
        deleted_at: null,
      });
    }
    const row = (await findAccountByUri(tx, input.uri))!;
    await enforceProfileVerdict(deps, tx, emit, row.id, verdict);
    return ok(verdict.sensitive ? (await findAccountByUri(tx, input.uri))! : row);
  });
}
