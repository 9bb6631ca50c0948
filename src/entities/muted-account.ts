// A muted account as Mastodon's MutedAccount entity: an Account with the
// mute's end.
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { Millis } from "../../db/schema/index.ts";
import { type AccountEntity, serializeAccount } from "./account.ts";
import { type EntityContext, isoTime } from "./context.ts";

/** Serializes a muted account; mute_expires_at is null for a mute without end. */
export function serializeMutedAccount(ctx: EntityContext, account: AccountRow, expiresAt: Millis | null): AccountEntity & { mute_expires_at: string | null } {
  return { ...serializeAccount(ctx, account), mute_expires_at: expiresAt === null ? null : isoTime(expiresAt) };
}
