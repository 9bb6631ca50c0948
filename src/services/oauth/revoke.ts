// Revocation: one token by its client (POST /oauth/revoke, RFC 7009), or a
// whole application, whose tokens then all stop working.
import { revokeApplicationRow } from "../../../db/queries/oauth-applications.ts";
import { findTokenByBearer, revokeAccessToken } from "../../../db/queries/oauth-tokens.ts";
import type { Id } from "../../../db/schema/index.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import type { AuthenticatedClient } from "./authenticate-client.ts";
import { oauthFail, type OAuthResult } from "./oauth-failure.ts";

/** Revokes a token of the client; an unknown token is fine (RFC 7009 2.2), another app's is not. */
export async function revokeToken(deps: ServiceDeps, client: AuthenticatedClient, token: string | null): Promise<OAuthResult<null>> {
  // Mastodon's answer for "no token at all" and "not yours" (methods/oauth#revoke).
  const notYours = oauthFail("unauthorized_client", "You are not authorized to revoke this token");
  if (!token) return notYours;
  const row = await findTokenByBearer(deps.db, token);
  if (!row) return { ok: true, value: null };
  if (row.application_id !== client.application.id) return notYours;
  await writeTransaction(deps, (tx) => revokeAccessToken(tx, row.id, Date.now()));
  return { ok: true, value: null };
}

/** Revokes an application: it can no longer authenticate, and none of its tokens work. */
export async function revokeApplication(deps: ServiceDeps, applicationId: Id): Promise<void> {
  await writeTransaction(deps, (tx) => revokeApplicationRow(tx, applicationId, Date.now()));
}
