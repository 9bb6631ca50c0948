// Issuing access tokens and authorization codes: random, stored hashed,
// bound to the application (and account, scopes, redirect URI, PKCE challenge).
import type { Executor } from "../../../db/queries/executor.ts";
import { insertAuthorizationCode } from "../../../db/queries/oauth-codes.ts";
import { type AccessTokenRow, hashSecret, insertAccessToken } from "../../../db/queries/oauth-tokens.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { IdGenerator } from "../../domain/ids.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import type { AuthorizationRequest } from "./authorization-request.ts";
import { newSecret } from "./secrets.ts";

/** A token as its owner gets it: the secret (shown once) and the stored row. */
export interface IssuedToken {
  token: string;
  row: AccessTokenRow;
}

// RFC 6749 4.1.2 recommends at most 10 minutes.
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** Stores a new token for an application, acting for accountId (null: the app itself). */
export async function insertNewToken(
  db: Executor,
  ids: IdGenerator,
  grant: { applicationId: Id; accountId: Id | null; scopes: readonly string[]; id?: Id },
): Promise<IssuedToken> {
  const token = newSecret();
  const row: AccessTokenRow = {
    id: grant.id ?? ids.next(),
    token_hash: hashSecret(token),
    application_id: grant.applicationId,
    account_id: grant.accountId,
    scopes: grant.scopes.join(" "),
    created_at: Date.now(),
    last_used_at: null,
    revoked_at: null,
  };
  await insertAccessToken(db, row);
  return { token, row };
}

/** Issues a token outside any other write (sign-up, client credentials, password grant). */
export function issueAccessToken(deps: ServiceDeps, grant: { applicationId: Id; accountId: Id | null; scopes: readonly string[] }): Promise<IssuedToken> {
  return writeTransaction(deps, (tx) => insertNewToken(tx, deps.ids, grant));
}

/** The person approved the request: a single-use code for the client, valid 10 minutes. */
export async function issueAuthorizationCode(deps: ServiceDeps, request: AuthorizationRequest, accountId: Id): Promise<string> {
  const code = newSecret();
  const now = Date.now();
  await writeTransaction(deps, (tx) =>
    insertAuthorizationCode(tx, {
      code_hash: hashSecret(code),
      application_id: request.application.id,
      account_id: accountId,
      redirect_uri: request.redirectUri,
      scopes: request.scopes.join(" "),
      code_challenge: request.codeChallenge,
      code_challenge_method: request.codeChallengeMethod,
      expires_at: now + CODE_LIFETIME_MS,
      used_at: null,
      token_id: null,
    }));
  return code;
}
