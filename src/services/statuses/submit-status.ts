// A local post as the API receives it: now or scheduled, with the author's
// posting defaults for what it leaves out, under an optional Idempotency-Key.
// The same key from the same account within an hour answers with what the
// first request created, concurrent requests included (Mastodon's
// PostStatusService#idempotency_duplicate).
import { findIdempotencyKey } from "../../../db/queries/idempotency-keys.ts";
import { findScheduledStatusById, type ScheduledStatusRow } from "../../../db/queries/scheduled-statuses.ts";
import { findStatusById, type StatusRow } from "../../../db/queries/statuses.ts";
import { findUserSettings } from "../../../db/queries/user-settings.ts";
import type { Id, Millis, Visibility } from "../../../db/schema/index.ts";
import { ok, type Result } from "../../domain/result.ts";
import type { ServiceDeps } from "../context.ts";
import type { HandleResolver } from "./local-text.ts";
import { type LocalPost, postLocalStatus } from "./post-local-status.ts";
import { scheduleStatus } from "./schedule-status.ts";

export type Submitted = { status: StatusRow } | { scheduled: ScheduledStatusRow };

/** A post as submitted: visibility, sensitivity and language may be left to the author's defaults. */
export type SubmittedPost = Omit<LocalPost, "visibility" | "sensitive" | "language"> & {
  visibility?: Visibility | undefined;
  sensitive?: boolean | undefined;
  language?: string | null | undefined;
  scheduledAt?: Millis | null;
};

async function createdWithKey(deps: ServiceDeps, accountId: Id, key: string): Promise<Submitted | null> {
  const row = await findIdempotencyKey(deps.db, accountId, key, Date.now());
  const status = row?.status_id ? await findStatusById(deps.db, row.status_id) : undefined;
  if (status) return { status };
  const scheduled = row?.scheduled_status_id ? await findScheduledStatusById(deps.db, row.scheduled_status_id) : undefined;
  return scheduled ? { scheduled } : null;
}

/** Posts now, or schedules when scheduledAt is given; a repeated key returns the first result. */
export async function submitLocalStatus(deps: ServiceDeps, post: SubmittedPost, resolveRemote: HandleResolver): Promise<Result<Submitted>> {
  // Client keys get their own namespace beside the scheduler's ("scheduled:<id>").
  const key = post.idempotencyKey ? `client:${post.idempotencyKey}` : null;
  const earlier = key ? await createdWithKey(deps, post.accountId, key) : null;
  if (earlier) return ok(earlier);
  // Mastodon's defaults: the user's posting privacy, sensitivity and language (Preferences).
  const defaults = await findUserSettings(deps.db, post.accountId);
  const keyed: LocalPost = {
    ...post,
    visibility: post.visibility ?? defaults.default_privacy,
    sensitive: post.sensitive ?? defaults.default_sensitive === 1,
    language: post.language ?? defaults.default_language,
    idempotencyKey: key,
  };
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
