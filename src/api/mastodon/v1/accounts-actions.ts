// POST /api/v1/accounts/:id/<action>: follow, block, mute, note and endorse
// another account. Each answers with the caller's fresh Relationship to it.
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { Result } from "../../../domain/result.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { flag, integer, list } from "../params.ts";
import { findVisibleAccount, respondWithRelationship } from "../render-accounts.ts";

const followSchema = z.object({ reblogs: flag.optional(), notify: flag.optional(), languages: list(z.string().max(16)).optional() });
const muteSchema = z.object({ notifications: flag.optional(), duration: integer.optional() });
const noteSchema = z.object({ comment: z.string().nullable().optional() });

type Act = (c: Context<ApiEnv>, me: string, targetId: string) => Promise<Result<unknown> | Response>;

/** Registers POST /:id/<path>: finds the target (404 when unknown or gone), acts, answers with the relationship. */
function action(routes: Hono<ApiEnv>, path: string, scope: string, act: Act): void {
  routes.post(`/:id/${path}`, requireUser(scope), async (c) => {
    const target = await findVisibleAccount(c, c.req.param("id"));
    if (!target) return notFound(c);
    const me = viewerId(c);
    const done = await act(c, me, target.id);
    if (done instanceof Response) return done;
    return done.ok ? respondWithRelationship(c, me, target.id) : failureResponse(c, done);
  });
}

/** Relationship-changing account routes. */
export function accountsActionsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const services = (c: Context<ApiEnv>) => c.var.deps.services;

  action(routes, "follow", "write:follows", async (c, me, targetId) => {
    const parsed = await parseParams(c, followSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    return services(c).followAccount({
      followerId: me,
      targetId,
      origin: "local",
      options: {
        ...(p.reblogs !== undefined ? { showReblogs: p.reblogs } : {}),
        ...(p.notify !== undefined ? { notify: p.notify } : {}),
        ...(p.languages !== undefined ? { languages: p.languages } : {}),
      },
    });
  });
  action(routes, "unfollow", "write:follows", (c, me, targetId) => services(c).unfollowAccount({ followerId: me, targetId, origin: "local" }));
  action(routes, "remove_from_followers", "write:follows", async (c, me, targetId) => {
    const removed = await services(c).rejectFollowRequest({ followerId: targetId, targetId: me, origin: "local" });
    // Not being followed is already the wanted state (Mastodon answers with the relationship).
    return removed.ok || removed.kind !== "not-found" ? removed : { ok: true, value: undefined };
  });
  action(routes, "block", "write:blocks", (c, me, targetId) => services(c).blockAccount({ accountId: me, targetId, origin: "local" }));
  action(routes, "unblock", "write:blocks", (c, me, targetId) => services(c).unblockAccount({ accountId: me, targetId, origin: "local" }));
  action(routes, "mute", "write:mutes", async (c, me, targetId) => {
    const parsed = await parseParams(c, muteSchema);
    if (!parsed.ok) return parsed.response;
    return services(c).muteAccount({
      accountId: me,
      targetId,
      ...(parsed.value.notifications !== undefined ? { notifications: parsed.value.notifications } : {}),
      ...(parsed.value.duration !== undefined ? { durationSeconds: parsed.value.duration } : {}),
    });
  });
  action(routes, "unmute", "write:mutes", (c, me, targetId) => services(c).unmuteAccount({ accountId: me, targetId }));
  action(routes, "note", "write:accounts", async (c, me, targetId) => {
    const parsed = await parseParams(c, noteSchema);
    if (!parsed.ok) return parsed.response;
    return services(c).setAccountNote({ accountId: me, targetId, comment: parsed.value.comment ?? "" });
  });
  // pin/unpin are the names before Mastodon 4.4 (deprecated, still served).
  for (const path of ["endorse", "pin"]) {
    action(routes, path, "write:accounts", (c, me, targetId) => services(c).endorseAccount({ accountId: me, targetId }));
  }
  for (const path of ["unendorse", "unpin"]) {
    action(routes, path, "write:accounts", (c, me, targetId) => services(c).unendorseAccount({ accountId: me, targetId }));
  }
  return routes;
}
