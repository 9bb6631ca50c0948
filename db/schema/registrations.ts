// Row types of sign-ups (migration 0003-registrations).
import type { Generated } from "kysely";
import type { Id, Millis } from "./index.ts";

/**
 * One row per account created by sign-up (API or web page). Accounts the
 * operator created have none and count as approved.
 */
export interface AccountRegistrationsTable {
  account_id: Id;
  /** The app that registered the account; null for the sign-up page. */
  application_id: Id | null;
  /** Why the person wants to join, for moderators in approval mode. */
  reason: string | null;
  locale: string | null;
  /** null while the sign-up waits for a moderator: the account cannot sign in nor use tokens. */
  approved_at: Millis | null;
  created_at: Millis;
  /** The invite it came with (0020-sign-up-controls). */
  invite_id: Generated<Id | null>;
}

export interface RegistrationsTables {
  account_registrations: AccountRegistrationsTable;
}
