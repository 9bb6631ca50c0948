// /api/v1/polls: a poll (by its status's id) and voting in it.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findChoicesOf } from "../../../../db/queries/polls.ts";
import type { StatusRow } from "../../../../db/queries/statuses.ts";
import { serializePoll } from "../../../entities/poll.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, scopeIfToken, viewerId } from "../middleware/auth.ts";
import { integer, list } from "../params.ts";
import { visibleStatus } from "./status-lookup.ts";

async function pollResponse(c: Context<ApiEnv>, status: StatusRow): Promise<Response> {
  const viewer = c.var.auth?.accountId ?? null;
  const ownVotes = viewer === null ? [] : await findChoicesOf(c.var.deps.db, status.id, viewer);
  const poll = serializePoll(status, viewer === null ? null : { accountId: viewer, ownVotes });
  return poll ? c.json(poll) : notFound(c);
}

/** Poll routes. */
export function pollsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/:id", scopeIfToken("read:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    return status ? pollResponse(c, status) : notFound(c);
  });

  routes.post("/:id/votes", requireUser("write:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    if (!status) return notFound(c);
    const parsed = await parseParams(c, z.object({ choices: list(integer) }));
    if (!parsed.ok) return parsed.response;
    const voted = await c.var.deps.services.voteInPoll({ accountId: viewerId(c), statusId: status.id, choices: parsed.value.choices, origin: "local" });
    return voted.ok ? pollResponse(c, voted.value) : failureResponse(c, voted);
  });

  return routes;
}
