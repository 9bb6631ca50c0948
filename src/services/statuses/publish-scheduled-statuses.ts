// Publishing scheduled statuses whose time has come, through postLocalStatus
// like any local post. Each is claimed with a lease (several workers never
// take the same one) and posted under an idempotency key of its own, so a
// crash between posting and deleting the row never posts it twice.
import { getLogger } from "@logtape/logtape";
import { claimDueScheduledStatuses, deleteScheduledStatus, type ScheduledStatusRow } from "../../../db/queries/scheduled-statuses.ts";
import type { Millis } from "../../../db/schema/index.ts";
import type { ScheduledStatusParams } from "../../../db/schema/statuses.ts";
import type { ServiceDeps } from "../context.ts";
import type { HandleResolver } from "./local-text.ts";
import { type LocalPost, postLocalStatus } from "./post-local-status.ts";

const logger = getLogger(["parley", "scheduler"]);
export const PUBLISH_BATCH = 20;
const LEASE_MS = 60_000;

/** The local post a scheduled status stands for. */
export function scheduledPost(row: ScheduledStatusRow): LocalPost {
  const params = JSON.parse(row.params) as ScheduledStatusParams;
  return {
    accountId: row.account_id,
    text: params.text,
    visibility: params.visibility,
    spoilerText: params.spoiler_text ?? "",
    sensitive: params.sensitive ?? false,
    language: params.language,
    inReplyToId: params.in_reply_to_id,
    mediaIds: params.media_ids ?? [],
    poll: params.poll
      ? { options: params.poll.options, expiresIn: params.poll.expires_in, multiple: params.poll.multiple, hideTotals: params.poll.hide_totals }
      : null,
    applicationId: row.application_id,
    idempotencyKey: `scheduled:${row.id}`,
  };
}

/** Publishes the scheduled statuses due at `now`; returns how many were handled. */
export async function publishDueStatuses(deps: ServiceDeps, resolveRemote: HandleResolver, now: Millis): Promise<number> {
  const rows = await claimDueScheduledStatuses(deps.db, now, PUBLISH_BATCH, LEASE_MS);
  for (const row of rows) {
    const posted = await postLocalStatus(deps, scheduledPost(row), resolveRemote);
    // "conflict": an earlier run posted it before it could delete the row.
    if (!posted.ok && posted.kind !== "conflict") {
      // As Mastodon's PublishScheduledStatusWorker: a post that can no longer be made is dropped.
      logger.warn("Dropping scheduled status {id}: {message}", { id: row.id, message: posted.message });
    }
    await deleteScheduledStatus(deps.db, row.id);
  }
  return rows.length;
}
