// Muting: a local user hides an account's posts (and, by default, its
// notifications), for good or for a while. Nothing is federated.
import { clearFromHome } from "../../../db/queries/home-cleanup.ts";
import { deleteMute, upsertMute } from "../../../db/queries/mutes.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { loadAccountPair } from "../follows/load-pair.ts";

export interface MuteInput {
  accountId: Id;
  targetId: Id;
  /** Hide notifications too (Mastodon's default). */
  notifications?: boolean;
  /** Seconds until the mute lifts itself; 0 or absent: until unmuted. */
  durationSeconds?: number;
}

/** Mutes (or changes the mute of) target and clears it from the home timeline. */
export async function muteAccount(deps: ServiceDeps, input: MuteInput): Promise<Result<void>> {
  const pair = await loadAccountPair(deps.db, input.accountId, input.targetId);
  if (!pair.ok) return pair;
  const [account, target] = pair.value;
  if (account.domain !== null) return fail("forbidden", "Only local accounts mute");
  const duration = input.durationSeconds ?? 0;
  if (!Number.isInteger(duration) || duration < 0) return fail("validation", "Duration must be a positive number of seconds");
  const now = Date.now();
  await writeTransaction(deps, async (tx) => {
    await upsertMute(tx, {
      id: deps.ids.next(),
      account_id: account.id,
      target_account_id: target.id,
      hide_notifications: input.notifications === false ? 0 : 1,
      expires_at: duration > 0 ? now + duration * 1000 : null,
      created_at: now,
    });
    await clearFromHome(tx, account.id, { accountId: target.id });
  });
  return ok(undefined);
}

/** Lifts a mute; idempotent. */
export async function unmuteAccount(deps: ServiceDeps, input: { accountId: Id; targetId: Id }): Promise<Result<void>> {
  const pair = await loadAccountPair(deps.db, input.accountId, input.targetId);
  if (!pair.ok) return pair;
  await writeTransaction(deps, (tx) => deleteMute(tx, input.accountId, input.targetId));
  return ok(undefined);
}
