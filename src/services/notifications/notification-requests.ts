// Deciding on filtered notifications (Mastodon's notification requests):
// accepting lets the sender's notifications through now and later; dismissing
// deletes them (a new request opens if the sender writes again).
import {
  deleteFilteredNotificationsFrom,
  unfilterNotificationsFrom,
} from "../../../db/queries/notifications.ts";
import {
  deleteNotificationRequests,
  findNotificationRequests,
  insertNotificationPermission,
  upsertNotificationPolicy,
} from "../../../db/queries/notification-requests.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { PolicyAction, PolicySettings } from "../../../db/schema/timelines.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { policyOf } from "./notification-policy.ts";

export interface RequestDecision {
  accountId: Id;
  requestIds: readonly Id[];
  /** A single request that is not the account's is 404; in bulk, unknown ids are skipped (as Mastodon). */
  single?: boolean;
}

async function decide(deps: ServiceDeps, input: RequestDecision, accept: boolean): Promise<Result<void>> {
  const requests = await findNotificationRequests(deps.db, input.accountId, input.requestIds);
  if (input.single && requests.length === 0) return fail("not-found", "Record not found");
  await writeTransaction(deps, async (tx) => {
    for (const request of requests) {
      if (accept) {
        await insertNotificationPermission(tx, input.accountId, request.from_account_id);
        await unfilterNotificationsFrom(tx, input.accountId, request.from_account_id);
      } else {
        await deleteFilteredNotificationsFrom(tx, input.accountId, request.from_account_id);
      }
    }
    await deleteNotificationRequests(tx, input.accountId, requests.map((r) => r.id));
  });
  return ok(undefined);
}

/** Accepts requests: their notifications join the list and the senders are never filtered again. */
export function acceptNotificationRequests(deps: ServiceDeps, input: RequestDecision): Promise<Result<void>> {
  return decide(deps, input, true);
}

/** Dismisses requests with their filtered notifications. */
export function dismissNotificationRequests(deps: ServiceDeps, input: RequestDecision): Promise<Result<void>> {
  return decide(deps, input, false);
}

const ACTIONS: readonly PolicyAction[] = ["accept", "filter", "drop"];

/** Changes some of the account's policy settings; each is accept, filter or drop. */
export async function updateNotificationPolicy(deps: ServiceDeps, accountId: Id, changes: Partial<PolicySettings>): Promise<Result<PolicySettings>> {
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined && !ACTIONS.includes(value)) return fail("validation", `Validation failed: ${key} must be one of accept, filter, drop`);
  }
  const settings = { ...(await policyOf(deps.db, accountId)) };
  for (const [key, value] of Object.entries(changes) as [keyof PolicySettings, PolicyAction | undefined][]) {
    if (value !== undefined) settings[key] = value;
  }
  await writeTransaction(deps, (tx) => upsertNotificationPolicy(tx, { account_id: accountId, ...settings, updated_at: Date.now() }));
  return ok(settings);
}
