// Finds the account behind a handle (user@host or @user@host) through
// WebFinger, as Mastodon's "search with resolve" and mention lookups do.
import { isActor } from "@fedify/vocab";
import { type AccountRow, findLocalAccountByUsername } from "../../db/queries/accounts.ts";
import type { ParleyContext } from "../context.ts";
import { storeActor } from "./resolve-account.ts";
import { lookupRemote } from "./lookup-remote.ts";

const HANDLE = /^@?([^@\s]+)@([^@\s/]+)$/;

/** The local or remote account of a handle; remote ones are looked up and stored. */
export async function resolveHandle(ctx: ParleyContext, handle: string): Promise<AccountRow | null> {
  const match = HANDLE.exec(handle.trim());
  if (!match) return null;
  const [, username, host] = match as unknown as [string, string, string];
  if (host.toLowerCase() === ctx.data.uris.host.toLowerCase()) {
    const local = await findLocalAccountByUsername(ctx.data.db, username);
    return local?.deleted_at === null ? local : null;
  }
  const actor = await lookupRemote(ctx, `acct:${username}@${host}`).catch(() => null);
  return isActor(actor) ? storeActor(ctx, actor) : null;
}
