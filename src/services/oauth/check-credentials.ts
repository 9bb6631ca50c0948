// Who may sign in: the one check behind the sign-in page and the password
// grant, and the account check repeated when a code becomes a token.
import { isPendingApproval } from "../../../db/queries/account-registrations.ts";
import { findAccountById } from "../../../db/queries/accounts.ts";
import type { Executor } from "../../../db/queries/executor.ts";
import { findUserByEmail, isLoginDisabled } from "../../../db/queries/users.ts";
import type { Id } from "../../../db/schema/index.ts";
import { isUnavailable } from "../../domain/account-state.ts";
import { verifyPassword } from "../../domain/passwords.ts";
import { fail, ok, type Result } from "../../domain/result.ts";

export const INVALID_CREDENTIALS = "Invalid email address or password.";
// Mastodon's words for a login waiting for a moderator (methods/accounts, 403).
export const PENDING_APPROVAL = "Your login is currently pending approval";
// And for a login a moderator disabled.
export const LOGIN_DISABLED = "Your login is currently disabled";

// Hashed when the email is unknown, so both answers take as long (no account enumeration by timing).
const UNKNOWN_USER_HASH = "scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** Whether a local account may act: it exists, is neither deleted nor suspended, its login is enabled, and it is not waiting for approval. */
export async function accountMaySignIn(db: Executor, accountId: Id): Promise<Result<Id>> {
  const account = await findAccountById(db, accountId);
  if (!account || isUnavailable(account) || account.domain !== null) return fail("forbidden", INVALID_CREDENTIALS);
  if (await isLoginDisabled(db, accountId)) return fail("forbidden", LOGIN_DISABLED);
  if (await isPendingApproval(db, accountId)) return fail("forbidden", PENDING_APPROVAL);
  return ok(accountId);
}

/** Checks an email and password; the account id when they match an account that may sign in. */
export async function checkCredentials(db: Executor, email: string, password: string): Promise<Result<Id>> {
  const user = email ? await findUserByEmail(db, email.trim()) : undefined;
  const valid = await verifyPassword(password, user?.password_hash ?? UNKNOWN_USER_HASH);
  if (!user || !valid) return fail("forbidden", INVALID_CREDENTIALS);
  return accountMaySignIn(db, user.account_id);
}
