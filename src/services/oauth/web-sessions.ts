// Browser sessions for the sign-in, sign-up and consent pages. A session
// starts anonymous (it only carries the CSRF token of the sign-in form) and is
// replaced by a new one at sign-in, so a planted session id never gains rights.
import { deleteWebSession, findWebSession, insertWebSession } from "../../../db/queries/oauth-sessions.ts";
import type { Executor } from "../../../db/queries/executor.ts";
import { hashSecret } from "../../../db/queries/oauth-tokens.ts";
import type { Id } from "../../../db/schema/index.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { newSecret } from "./secrets.ts";

export interface WebSession {
  /** The cookie value; only its hash is stored. */
  id: string;
  accountId: Id | null;
  csrfToken: string;
  expiresAt: number;
}

const SIGNED_IN_MS = 30 * 24 * 60 * 60 * 1000;
const ANONYMOUS_MS = 2 * 60 * 60 * 1000;

/** Starts a session (anonymous when accountId is null), ending the one it replaces. */
export async function startWebSession(deps: ServiceDeps, accountId: Id | null, replaces: string | null = null): Promise<WebSession> {
  const now = Date.now();
  const session: WebSession = { id: newSecret(), accountId, csrfToken: newSecret(), expiresAt: now + (accountId ? SIGNED_IN_MS : ANONYMOUS_MS) };
  await writeTransaction(deps, async (tx) => {
    if (replaces) await deleteWebSession(tx, hashSecret(replaces));
    await insertWebSession(tx, {
      id_hash: hashSecret(session.id),
      account_id: accountId,
      csrf_token: session.csrfToken,
      created_at: now,
      expires_at: session.expiresAt,
    });
  });
  return session;
}

/** The live session with this cookie value, or null. */
export async function loadWebSession(db: Executor, id: string): Promise<WebSession | null> {
  const row = await findWebSession(db, hashSecret(id), Date.now());
  return row ? { id, accountId: row.account_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
}

/** Ends a session (sign-out). */
export async function endWebSession(deps: ServiceDeps, id: string): Promise<void> {
  await writeTransaction(deps, (tx) => deleteWebSession(tx, hashSecret(id)));
}
