// The account of an inbound activity's actor. Fedify has already checked that
// the signature's key belongs to that actor; this finds or fetches the account.
import type { Activity } from "@fedify/vocab";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findLocalAccountByUsername } from "../../db/queries/accounts.ts";
import { isUnavailable } from "../../src/domain/account-state.ts";
import type { ParleyContext } from "../context.ts";
import { resolveAccount } from "../resolve/resolve-account.ts";

/** The remote account that sent the activity, or null when it can't be had or is suspended (its activities are ignored). */
export async function actorOf(ctx: ParleyContext, activity: Activity): Promise<AccountRow | null> {
  if (!activity.actorId || ctx.data.uris.isLocal(activity.actorId.href)) return null;
  const account = await resolveAccount(ctx, activity.actorId);
  return account && account.suspended_at === null ? account : null;
}

/** The live (neither deleted nor suspended) local account behind a local actor URI, or null. */
export async function localAccountAt(ctx: ParleyContext, uri: URL | null): Promise<AccountRow | null> {
  const parsed = ctx.parseUri(uri);
  if (parsed?.type !== "actor") return null;
  const account = await findLocalAccountByUsername(ctx.data.db, parsed.identifier);
  return account && !isUnavailable(account) ? account : null;
}
