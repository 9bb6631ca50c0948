// Sign-up, for POST /api/v1/accounts and the sign-up page alike: obeys the
// operator's registrations mode and sign-up controls (invites, email and IP
// blocks; docs/adr/0026-sign-up-controls.md), records the sign-up, and leaves
// the account pending when it needs approval (it can neither sign in nor use
// a token until a moderator approves it; docs/adr/0009-oauth.md).
import { insertAccountRegistration } from "../../../db/queries/account-registrations.ts";
import { findLocalAccountByUsername } from "../../../db/queries/accounts.ts";
import { useInvite } from "../../../db/queries/sign-up-controls.ts";
import { findUserByEmail } from "../../../db/queries/users.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { Config } from "../../config.ts";
import { type Failure, fail, ok } from "../../domain/result.ts";
import type { ServiceDeps } from "../context.ts";
import { createLocalAccount } from "./create-local-account.ts";
import { checkSignUp, type SignUpVerdict } from "./sign-up-checks.ts";

export interface SignUp {
  username: string;
  email: string;
  password: string;
  agreement: boolean;
  locale: string | null;
  reason: string | null;
  /** The app that called POST /api/v1/accounts; null for the sign-up page. */
  applicationId: Id | null;
  mode: Config["registrations"];
  /** The client's address, for IP blocks. */
  ip: string | null;
  inviteCode: string | null;
}

/** Mastodon's per-field error (ValidationErrorFormatter): ERR_BLANK, ERR_TAKEN, ... */
export interface FieldError {
  error: string;
  description: string;
}
export type FieldErrors = Record<string, FieldError[]>;
export type SignUpFailure = Failure & { details?: FieldErrors };

// Mastodon's default reserved_usernames (config/settings.yml).
const RESERVED = new Set(["admin", "support", "help", "root", "webmaster", "administrator", "mod", "moderator"]);
// Mastodon's InviteRequest::TEXT_SIZE_LIMIT.
const REASON_LIMIT = 420;
const LOCALE = /^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;

const FIELD_NAMES: Record<string, string> = {
  username: "Username", email: "Email", password: "Password", agreement: "Agreement", locale: "Locale", reason: "Reason", invite_code: "Invite code",
};
const BAD_INVITE: FieldErrors = { invite_code: [{ error: "ERR_INVALID", description: "is invalid, used up or expired" }] };

// Thrown inside the account's transaction when its invite was used up meanwhile: nothing is kept.
class InviteUsedUp extends Error {}

/** A 422 in Mastodon's shape: "Validation failed: Username is taken, ..." with the details per field. */
function invalid(details: FieldErrors): SignUpFailure {
  const parts = Object.entries(details).flatMap(([field, errors]) => errors.map((e) => `${FIELD_NAMES[field] ?? field} ${e.description}`));
  return { ...fail("validation", `Validation failed: ${parts.join(", ")}`), details };
}

async function fieldErrors(deps: ServiceDeps, input: SignUp, verdict: SignUpVerdict): Promise<FieldErrors> {
  const details: FieldErrors = {};
  const add = (field: string, error: string, description: string) => (details[field] ??= []).push({ error, description });
  const username = input.username.trim();
  if (!username) add("username", "ERR_BLANK", "can't be blank");
  else if (RESERVED.has(username.toLowerCase())) add("username", "ERR_RESERVED", "is reserved");
  else if (await findLocalAccountByUsername(deps.db, username)) add("username", "ERR_TAKEN", "is taken");
  const email = input.email.trim();
  if (!email) add("email", "ERR_BLANK", "can't be blank");
  else if (await findUserByEmail(deps.db, email)) add("email", "ERR_TAKEN", "is taken");
  // Mastodon's words for a blocked provider (EmailMxValidator) and a blocked address.
  else if (verdict.emailBlocked === "domain") add("email", "ERR_BLOCKED", "uses a disallowed e-mail provider");
  else if (verdict.emailBlocked === "canonical") add("email", "ERR_BLOCKED", "is blocked");
  if (!input.password) add("password", "ERR_BLANK", "can't be blank");
  if (!input.agreement) add("agreement", "ERR_ACCEPTED", "must be accepted");
  if (input.locale && !LOCALE.test(input.locale)) add("locale", "ERR_INCLUSION", "is not included in the list");
  if (input.reason && input.reason.length > REASON_LIMIT) add("reason", "ERR_TOO_LONG", `is too long (maximum is ${REASON_LIMIT} characters)`);
  return details;
}

/** Creates the account of a sign-up; `approved` is false in approval mode. */
export async function registerAccount(deps: ServiceDeps, input: SignUp): Promise<{ ok: true; value: { accountId: Id; approved: boolean } } | SignUpFailure> {
  // Mastodon answers a closed server's sign-up with its generic 403 (Api::BaseController#forbidden).
  if (input.mode === "closed") return fail("forbidden", "This action is not allowed");
  const verdict = await checkSignUp(deps, input);
  if (verdict.ipBlock === "sign_up_block" || verdict.ipBlock === "no_access") return fail("forbidden", "This action is not allowed");
  if (verdict.badInvite) return invalid(BAD_INVITE);
  if (input.mode === "invite" && !verdict.invite) return fail("forbidden", "Sign-ups on this server need an invite");
  const details = await fieldErrors(deps, input, verdict);
  if (Object.keys(details).length) return invalid(details);

  const now = Date.now();
  // An invite stands in for a moderator's approval (as on Mastodon); an IP block asking for approval does not.
  const approved = verdict.ipBlock !== "sign_up_requires_approval" && (input.mode === "open" || verdict.invite !== undefined);
  const invite = verdict.invite;
  // The sign-up record commits with the account: no account can skip the approval queue.
  const created = await createLocalAccount(deps, {
    username: input.username.trim(),
    email: input.email.trim(),
    password: input.password,
    alsoWrite: async (tx, accountId) => {
      if (invite && !(await useInvite(tx, invite.id, now))) throw new InviteUsedUp();
      await insertAccountRegistration(tx, {
        account_id: accountId,
        application_id: input.applicationId,
        reason: input.reason?.trim() || null,
        locale: input.locale || null,
        approved_at: approved ? now : null,
        created_at: now,
        invite_id: invite?.id ?? null,
      });
    },
  }).catch((error: unknown) => {
    if (error instanceof InviteUsedUp) return undefined;
    throw error;
  });
  if (!created) return invalid(BAD_INVITE);
  if (!created.ok) {
    // Its messages name the field first ("Password must be ..."): the rest is the description.
    const [field = "", ...rest] = created.message.split(" ");
    return invalid({ [field.toLowerCase()]: [{ error: created.kind === "conflict" ? "ERR_TAKEN" : "ERR_INVALID", description: rest.join(" ") }] });
  }
  return ok({ accountId: created.value.id, approved });
}
