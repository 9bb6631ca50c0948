// POST /api/v1/statuses (now or scheduled, with a poll, under an
// Idempotency-Key) and PUT /api/v1/statuses/:id (edit).
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findMediaOfAccount } from "../../../../db/queries/scheduled-statuses.ts";
import { resolveHandle } from "../../../../federation/resolve/resolve-handle.ts";
import { serializeScheduledStatus } from "../../../entities/scheduled-status.ts";
import { isId } from "../../../domain/ids.ts";
import type { PollInput } from "../../../services/polls/poll-rules.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { apiError, failureResponse, notFound } from "../errors.ts";
import { federationContext } from "../federation-context.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { flag, integer, list, visibility } from "../params.ts";
import { respondWithStatus, visibleStatus } from "./status-lookup.ts";

const pollSchema = z.object({
  options: list(z.string()),
  expires_in: integer,
  multiple: flag.optional(),
  hide_totals: flag.optional(),
});

const contentSchema = {
  status: z.string().optional(),
  spoiler_text: z.string().optional(),
  sensitive: flag.optional(),
  language: z.string().max(16).optional().nullable(),
  media_ids: list(z.string()).optional(),
  poll: pollSchema.optional().nullable(),
};

const createSchema = z.object({
  ...contentSchema,
  visibility: visibility.optional(),
  in_reply_to_id: z.string().optional().nullable(),
  scheduled_at: z.string().optional().nullable(),
});

const editSchema = z.object(contentSchema);

function pollInput(poll: z.infer<typeof pollSchema> | null | undefined): PollInput | null {
  return poll ? { options: poll.options, expiresIn: poll.expires_in, multiple: poll.multiple ?? false, hideTotals: poll.hide_totals ?? false } : null;
}

function resolverFor(c: Context<ApiEnv>) {
  const ctx = federationContext(c);
  return (handle: string) => resolveHandle(ctx, handle);
}

/** Routes that write statuses. */
export function statusesWriteRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.post("/", requireUser("write:statuses"), async (c) => {
    const parsed = await parseParams(c, createSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const scheduledAt = p.scheduled_at ? Date.parse(p.scheduled_at) : null;
    if (Number.isNaN(scheduledAt)) return apiError(c, 422, "Validation failed: Scheduled at is not a valid time");
    if (p.in_reply_to_id && !isId(p.in_reply_to_id)) return notFound(c);
    const me = viewerId(c);
    const submitted = await c.var.deps.services.submitLocalStatus(
      {
        accountId: me,
        text: p.status ?? "",
        visibility: p.visibility,
        spoilerText: p.spoiler_text ?? "",
        sensitive: p.sensitive,
        language: p.language,
        inReplyToId: p.in_reply_to_id ?? null,
        mediaIds: p.media_ids ?? [],
        poll: pollInput(p.poll),
        applicationId: c.var.auth?.applicationId ?? null,
        idempotencyKey: c.req.header("Idempotency-Key") || null,
        scheduledAt,
      },
      resolverFor(c),
    );
    if (!submitted.ok) return failureResponse(c, submitted);
    if ("status" in submitted.value) return respondWithStatus(c, submitted.value.status);
    const scheduled = submitted.value.scheduled;
    const media = await findMediaOfAccount(c.var.deps.db, me, JSON.parse(scheduled.params).media_ids ?? []);
    return c.json(serializeScheduledStatus(scheduled, media));
  });

  routes.put("/:id", requireUser("write:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    if (!status || status.account_id !== viewerId(c)) return notFound(c);
    const parsed = await parseParams(c, editSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const edited = await c.var.deps.services.editLocalStatus(
      {
        accountId: viewerId(c),
        statusId: status.id,
        text: p.status ?? "",
        spoilerText: p.spoiler_text ?? "",
        sensitive: p.sensitive ?? false,
        language: p.language ?? null,
        mediaIds: p.media_ids ?? [],
        poll: pollInput(p.poll),
      },
      resolverFor(c),
    );
    return edited.ok ? respondWithStatus(c, edited.value) : failureResponse(c, edited);
  });

  return routes;
}
