// Who asks, for the dispatchers whose answer depends on it: the account that
// signed the request (Fedify verified the signature), as stored here.
import { type AccountRow, findAccountByUri } from "../../db/queries/accounts.ts";
import type { ParleyRequestContext } from "../context.ts";

/** The local record of the request's signer; null when unsigned or when the signer is not known here. */
export async function signedViewer(ctx: ParleyRequestContext): Promise<AccountRow | null> {
  const signer = await ctx.getSignedKeyOwner();
  if (!signer?.id) return null;
  return (await findAccountByUri(ctx.data.db, signer.id.href)) ?? null;
}
