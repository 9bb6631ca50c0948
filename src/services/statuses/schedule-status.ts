// Scheduling a local post for later (Mastodon's scheduled_at): the post is
// checked now, kept as a scheduled_statuses row, and published by the
// scheduler once its time comes (docs/adr/0011-scheduled-statuses.md).
import { claimIdempotencyKey, settleIdempotencyKey } from "../../../db/queries/idempotency-keys.ts";
import { findStatusById } from "../../../db/queries/statuses.ts";
import {
  countScheduledStatuses,
  deleteScheduledStatus,
  findScheduledStatus,
  insertScheduledStatus,
  rescheduleStatusRow,
  reserveScheduledMedia,
  type ScheduledStatusRow,
} from "../../../db/queries/scheduled-statuses.ts";
import type { Id, Millis } from "../../../db/schema/index.ts";
import type { ScheduledStatusParams } from "../../../db/schema/statuses.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { findMediaToAttach } from "../media/claim-media.ts";
import { buildLocalPoll } from "../polls/poll-rules.ts";
import { mayViewStatus } from "../visibility/may-view-status.ts";
import type { LocalPost } from "./post-local-status.ts";
import { localTextProblem, VISIBILITIES } from "./status-draft.ts";
import { MediaClaimError, refusingLostClaims } from "./write-status-parts.ts";

/** Mastodon's limits (ScheduledStatus::MINIMUM_OFFSET, TOTAL_LIMIT, DAILY_LIMIT). */
const SCHEDULE_LIMITS = { minimumLeadMs: 5 * 60_000, total: 300, daily: 25 } as const;

const DAY_MS = 86_400_000;

async function checkTime(deps: ServiceDeps, accountId: Id, scheduledAt: Millis, now: Millis, movingId?: Id): Promise<string | null> {
  if (!Number.isFinite(scheduledAt) || scheduledAt < now + SCHEDULE_LIMITS.minimumLeadMs) {
    return "Validation failed: Scheduled at must be at least 5 minutes in the future";
  }
  const counts = await countScheduledStatuses(deps.db, accountId, scheduledAt - (scheduledAt % DAY_MS));
  // A status being moved does not count against itself.
  const self = movingId ? 1 : 0;
  if (counts.total - self >= SCHEDULE_LIMITS.total) return `Validation failed: You have exceeded the limit of ${SCHEDULE_LIMITS.total} scheduled posts`;
  if (counts.thatDay - self >= SCHEDULE_LIMITS.daily) {
    return `Validation failed: You have exceeded the limit of ${SCHEDULE_LIMITS.daily} scheduled posts for that day`;
  }
  return null;
}

function checkPost(post: LocalPost, now: Millis): string | null {
  if (!VISIBILITIES.includes(post.visibility)) return "Visibility is not valid";
  const problem = localTextProblem({ text: post.text, spoilerText: post.spoilerText, hasMedia: !!post.mediaIds?.length, hasPoll: !!post.poll });
  if (problem) return problem;
  if (post.poll && post.mediaIds?.length) return "Cannot attach files to a status with a poll";
  const poll = post.poll ? buildLocalPoll(post.poll, now) : null;
  return poll && !poll.ok ? poll.message : null;
}

/** Schedules a local post; with an idempotency key, a second request fails with "conflict". */
export async function scheduleStatus(deps: ServiceDeps, post: LocalPost, scheduledAt: Millis): Promise<Result<ScheduledStatusRow>> {
  const now = Date.now();
  const problem = checkPost(post, now) ?? (await checkTime(deps, post.accountId, scheduledAt, now));
  if (problem) return fail("validation", problem);
  // The parent must be there for the author now, as for an immediate reply (404 otherwise).
  const parent = post.inReplyToId ? await findStatusById(deps.db, post.inReplyToId) : null;
  if (post.inReplyToId && (!parent || !(await mayViewStatus(deps.db, parent, post.accountId)))) return fail("not-found", "Record not found");
  const media = await findMediaToAttach(deps.db, post.accountId, post.mediaIds ?? []);
  if (!media.ok) return media;
  const mediaIds = media.value.map((m) => m.id);
  const params: ScheduledStatusParams = {
    text: post.text,
    visibility: post.visibility,
    spoiler_text: post.spoilerText ?? null,
    sensitive: post.sensitive ?? null,
    language: post.language ?? null,
    in_reply_to_id: post.inReplyToId ?? null,
    media_ids: mediaIds.length ? mediaIds : null,
    poll: post.poll
      ? { options: post.poll.options, expires_in: post.poll.expiresIn, multiple: post.poll.multiple, hide_totals: post.poll.hideTotals }
      : null,
  };
  return refusingLostClaims(() => writeTransaction(deps, async (tx) => {
    const key = post.idempotencyKey;
    if (key && !(await claimIdempotencyKey(tx, post.accountId, key, now))) {
      return fail("conflict", "A status with this Idempotency-Key is being posted");
    }
    const row: ScheduledStatusRow = {
      id: deps.ids.next(),
      account_id: post.accountId,
      application_id: post.applicationId ?? null,
      scheduled_at: scheduledAt,
      params: JSON.stringify(params),
      created_at: now,
      claimed_until: null,
    };
    await insertScheduledStatus(tx, row);
    if (!(await reserveScheduledMedia(tx, row.id, mediaIds))) throw new MediaClaimError("Media already attached to another scheduled post");
    if (key) await settleIdempotencyKey(tx, post.accountId, key, { scheduledStatusId: row.id });
    return ok(row);
  }));
}

/** Moves an account's scheduled status to another time, under the same rules. */
export async function rescheduleStatus(deps: ServiceDeps, input: { accountId: Id; id: Id; scheduledAt: Millis }): Promise<Result<ScheduledStatusRow>> {
  const row = await findScheduledStatus(deps.db, input.accountId, input.id);
  if (!row) return fail("not-found", "Record not found");
  const problem = await checkTime(deps, input.accountId, input.scheduledAt, Date.now(), row.id);
  if (problem) return fail("validation", problem);
  await rescheduleStatusRow(deps.db, row.id, input.scheduledAt);
  return ok({ ...row, scheduled_at: input.scheduledAt, claimed_until: null });
}

/** Cancels an account's scheduled status. */
export async function cancelScheduledStatus(deps: ServiceDeps, input: { accountId: Id; id: Id }): Promise<Result<ScheduledStatusRow>> {
  const row = await findScheduledStatus(deps.db, input.accountId, input.id);
  if (!row) return fail("not-found", "Record not found");
  await deleteScheduledStatus(deps.db, row.id);
  return ok(row);
}
