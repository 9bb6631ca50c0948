// Client authentication at the token and revocation endpoints (RFC 6749
// 2.3.1): client_id with client_secret, from HTTP Basic or the body.
import { type ApplicationRow, findApplicationByClientId } from "../../../db/queries/oauth-applications.ts";
import type { Executor } from "../../../db/queries/executor.ts";
import { INVALID_CLIENT, oauthFail, type OAuthResult } from "./oauth-failure.ts";
import { matchesHash } from "./secrets.ts";

export interface ClientCredentials {
  clientId: string | null;
  clientSecret: string | null;
}

export interface AuthenticatedClient {
  application: ApplicationRow;
  /** False when the caller gave only a client_id (a public client: PKCE must then vouch for it). */
  secretVerified: boolean;
}

/** Finds the live application and checks its secret when one was given. */
export async function authenticateClient(db: Executor, credentials: ClientCredentials): Promise<OAuthResult<AuthenticatedClient>> {
  if (!credentials.clientId) return oauthFail("invalid_client", INVALID_CLIENT);
  const application = await findApplicationByClientId(db, credentials.clientId);
  if (!application) return oauthFail("invalid_client", INVALID_CLIENT);
  if (credentials.clientSecret === null) return { ok: true, value: { application, secretVerified: false } };
  if (!matchesHash(credentials.clientSecret, application.client_secret_hash)) return oauthFail("invalid_client", INVALID_CLIENT);
  return { ok: true, value: { application, secretVerified: true } };
}
