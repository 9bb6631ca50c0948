// A local post as the API receives it: now or scheduled, under an optional
// Idempotency-Key. The same key from the same account within an hour answers
// with what the first request created, concurrent requests included
// (Mastodon's PostStatusService#idempotency_duplicate).
import { findIdempotencyKey } from "../../../db/queries/idempotency-keys.ts";
import { findScheduledStatusById, type ScheduledStatusRow } from "../../../db/queries/scheduled-statuses.ts";
import { findStatusById, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id, Millis } from "../../../db/schema/index.ts";
import { ok, type Result } from "../../domain/result.ts";
import type { ServiceDeps } from "../context.ts";
import type { HandleResolver } from "./local-text.ts";
import { type LocalPost, postLocalStatus } from "./post-local-status.ts";
import { scheduleStatus } from "./schedule-status.ts";

export type Submitted = { status: StatusRow } | { scheduled: ScheduledStatusRow };

async function createdWithKey(deps: ServiceDeps, accountId: Id, key: string): Promise<Submitted | null> {
  const row = await findIdempotencyKey(deps.db, accountId, key, Date.now());
  const status = row?.status_id ? await findStatusById(deps.db, row.status_id) : undefined;
  if (status) return { status };
  const scheduled = row?.scheduled_status_id ? await findScheduledStatusById(deps.db, row.scheduled_status_id) : undefined;
  return scheduled ? { scheduled } : null;
}

/** Posts now, or schedules when scheduledAt is given; a repeated key returns the first result. */
export async function submitLocalStatus(
  deps: ServiceDeps,
  post: LocalPost & { scheduledAt?: Millis | null },
  resolveRemote: HandleResolver,
): Promise<Result<Submitted>> {
  // Client keys get their own namespace beside the scheduler's ("scheduled:<id>").
  const key = post.idempotencyKey ? `client:${post.idempotencyKey}` : null;
  const earlier = key ? await createdWithKey(deps, post.accountId, key) : null;
  if (earlier) return ok(earlier);
  const keyed = { ...post, idempotencyKey: key };
  let done: Result<Submitted>;
  if (post.scheduledAt != null) {
    const scheduled = await scheduleStatus(deps, keyed, post.scheduledAt);
    done = scheduled.ok ? ok({ scheduled: scheduled.value }) : scheduled;
  } else {
    const posted = await postLocalStatus(deps, keyed, resolveRemote);
    done = posted.ok ? ok({ status: posted.value }) : posted;
  }
  // A concurrent request with the same key won: answer with what it created.
  if (!done.ok && done.kind === "conflict" && key) {
    const winner = await createdWithKey(deps, post.accountId, key);
    if (winner) return ok(winner);
  }
  return done;
}
