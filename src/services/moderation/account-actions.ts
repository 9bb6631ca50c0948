// Moderation actions on accounts: the one path behind the admin API
// (POST /api/v1/admin/accounts/:id/action and its siblings) and the
// `moderation account` CLI. Each action is one transaction with its audit
// entry; an action on a local account leaves it a warning it can read.
import { findAccountById, type AccountRow } from "../../../db/queries/accounts.ts";
import { findReportById } from "../../../db/queries/reports.ts";
import { insertAccountWarning } from "../../../db/queries/account-warnings.ts";
import { insertNotification } from "../../../db/queries/notifications.ts";
import type { WarningAction } from "../../../db/schema/account-moderation.ts";
import type { Id } from "../../../db/schema/index.ts";
import { ROLES } from "../../domain/roles.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { removeAccount } from "../accounts/delete-account.ts";
import { resolveReport } from "../reports/resolve-report.ts";
import { type Emit, type ServiceDeps, type Tx, writeTransaction } from "../context.ts";
import { type Moderator, recordAudit } from "./audit.ts";
import { changeAccountState, type StateChange } from "./account-state.ts";

/** Mastodon's POST /api/v1/admin/accounts/:id/action types; "none" with a text is a warning. */
export type AccountActionType = "none" | "sensitive" | "disable" | "silence" | "suspend";

export interface AccountActionInput {
  accountId: Id;
  type: AccountActionType;
  /** What the account is told (and the audit log's reason). */
  text?: string | null;
  /** The report the action answers, kept on the warning. */
  reportId?: Id | null;
}

/** Why the moderator may not act on this account: itself, or staff of its rank or above (the CLI may). */
async function refusal(tx: Tx, moderator: Moderator, account: AccountRow): Promise<Result<void> | null> {
  if (moderator.accountId === account.id) return fail("forbidden", "This action is not allowed");
  if (account.domain !== null || moderator.accountId === null) return null;
  const user = await tx.selectFrom("users").select("role").where("account_id", "=", account.id).executeTakeFirst();
  if (user && user.role !== "user" && ROLES.indexOf(user.role) >= ROLES.indexOf(moderator.role)) return fail("forbidden", "This action is not allowed");
  return null;
}

/** Loads the account and runs `act` in one transaction after the rank check. */
async function withAccount<T>(
  deps: ServiceDeps,
  moderator: Moderator,
  accountId: Id,
  act: (tx: Tx, emit: Emit, account: AccountRow) => Promise<Result<T>>,
): Promise<Result<T>> {
  const account = await findAccountById(deps.db, accountId);
  if (!account || account.deleted_at !== null) return fail("not-found", "Record not found");
  return writeTransaction(deps, async (tx, emit) => {
    const refused = await refusal(tx, moderator, account);
    if (refused && !refused.ok) return refused;
    return act(tx, emit, account);
  });
}

/** Gives a local account a warning it sees, with a moderation_warning notification. */
export async function warn(
  deps: ServiceDeps,
  tx: Tx,
  emit: Emit,
  moderator: Moderator,
  account: AccountRow,
  action: WarningAction,
  input: { text?: string | null; reportId?: Id | null; statusIds?: readonly Id[] },
): Promise<Id> {
  const warningId = deps.ids.next();
  const now = Date.now();
  await insertAccountWarning(tx, {
    id: warningId,
    account_id: account.id,
    moderator_account_id: moderator.accountId,
    action,
    text: input.text ?? "",
    status_ids: JSON.stringify(input.statusIds ?? []),
    report_id: input.reportId ?? null,
    created_at: now,
  });
  const notificationId = deps.ids.next();
  await insertNotification(tx, {
    id: notificationId,
    account_id: account.id,
    // Mastodon names the account itself as the notification's account.
    from_account_id: account.id,
    type: "moderation_warning",
    status_id: null,
    created_at: now,
    group_key: `ungrouped-${notificationId}`,
    filtered: 0,
    account_warning_id: warningId,
  });
  emit({ type: "notification.created", notificationId, accountId: account.id });
  return warningId;
}

const STATE_OF_ACTION: Record<AccountActionType, StateChange | null> = { none: null, sensitive: "sensitive", disable: "disable", silence: "silence", suspend: "suspend" };

/**
 * Takes a moderation action on an account (Mastodon's Admin::AccountAction); the warning's id when one
 * was given. A report it answers is then resolved through the reports service (its own transaction).
 */
export async function actOnAccount(deps: ServiceDeps, moderator: Moderator, input: AccountActionInput): Promise<Result<{ warningId: Id | null }>> {
  if (input.reportId && !(await findReportById(deps.db, input.reportId))) return fail("not-found", "Record not found");
  const done = await withAccount(deps, moderator, input.accountId, async (tx, emit, account) => {
    const change = STATE_OF_ACTION[input.type];
    if (change) {
      const changed = await changeAccountState(deps, tx, emit, account, change);
      if (!changed.ok) return changed;
    }
    const text = input.text?.trim() ?? "";
    // As Mastodon: a local account is told of every action, and of a bare warning that has a text.
    const warningId = account.domain === null && (change !== null || text !== "") ? await warn(deps, tx, emit, moderator, account, input.type, { ...input, text }) : null;
    await recordAudit(deps, tx, moderator, {
      action: input.type === "none" ? "account.warn" : `account.${input.type}`,
      targetType: "account",
      targetId: account.id,
      reason: text || null,
      data: { warning_id: warningId, report_id: input.reportId ?? null },
    });
    return ok({ warningId });
  });
  if (!done.ok || !input.reportId) return done;
  const resolved = await resolveReport(deps, moderator, input.reportId, input.type);
  return resolved.ok ? done : resolved;
}

/** Undoes an action or deletes a suspended account's data (unsuspend, unsilence, unsensitive, enable, delete_data). */
export async function reverseAccountAction(
  deps: ServiceDeps,
  moderator: Moderator,
  input: { accountId: Id; change: Exclude<StateChange, AccountActionType>; reason?: string | null },
): Promise<Result<void>> {
  return withAccount(deps, moderator, input.accountId, async (tx, emit, account) => {
    const changed = await changeAccountState(deps, tx, emit, account, input.change);
    if (!changed.ok) return changed;
    await recordAudit(deps, tx, moderator, { action: `account.${input.change}`, targetType: "account", targetId: account.id, reason: input.reason ?? null });
    return ok(undefined);
  });
}

/** Approves or rejects a sign-up waiting for a moderator; a rejected account is deleted. */
export async function decideRegistration(deps: ServiceDeps, moderator: Moderator, input: { accountId: Id; approve: boolean; reason?: string | null }): Promise<Result<void>> {
  return withAccount(deps, moderator, input.accountId, async (tx, emit, account) => {
    const registration = await tx.selectFrom("account_registrations").select("approved_at").where("account_id", "=", account.id).executeTakeFirst();
    if (!registration || registration.approved_at !== null) return fail("forbidden", "This action is not allowed");
    if (input.approve) {
      await tx.updateTable("account_registrations").set({ approved_at: Date.now() }).where("account_id", "=", account.id).execute();
    } else {
      await removeAccount(deps, tx, emit, account);
    }
    await recordAudit(deps, tx, moderator, { action: input.approve ? "account.approve" : "account.reject", targetType: "account", targetId: account.id, reason: input.reason ?? null });
    return ok(undefined);
  });
}
