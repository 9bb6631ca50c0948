// Mastodon's AccountWarning entity: what a moderator told an account.
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { AccountWarningRow } from "../../db/queries/account-warnings.ts";
import { serializeAccount } from "./account.ts";
import { type EntityContext, isoTime } from "./context.ts";

/** Serializes a warning given to `target`. */
export function serializeAccountWarning(ctx: EntityContext, warning: AccountWarningRow, target: AccountRow) {
  const statusIds = JSON.parse(warning.status_ids) as string[];
  return {
    id: warning.id,
    action: warning.action,
    text: warning.text,
    status_ids: statusIds.length ? statusIds : null,
    target_account: serializeAccount(ctx, target),
    appeal: null,
    created_at: isoTime(warning.created_at),
  };
}
