// /api/v1/statuses: post, read, delete, favourite and boost statuses.
import { Hono, type Context } from "hono";
import { z } from "zod";
import { findStatusById, type StatusRow } from "../../../../db/queries/statuses.ts";
import { resolveHandle } from "../../../../federation/resolve/resolve-handle.ts";
import { isId } from "../../../domain/ids.ts";
import { mayViewStatus } from "../../../services/visibility/may-view-status.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { federationContext } from "../federation-context.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { flag, visibility } from "../params.ts";
import { renderStatus } from "../render.ts";

const createSchema = z.object({
  status: z.string().optional(),
  spoiler_text: z.string().optional(),
  sensitive: flag.optional(),
  visibility: visibility.optional(),
  language: z.string().max(16).optional().nullable(),
  in_reply_to_id: z.string().optional().nullable(),
});

/** The status with this id if the caller may see it. */
async function visibleStatus(c: Context<ApiEnv>, id: string): Promise<StatusRow | null> {
  if (!isId(id)) return null;
  const status = await findStatusById(c.var.deps.db, id);
  if (!status) return null;
  return (await mayViewStatus(c.var.deps.db, status, c.var.auth?.accountId ?? null)) ? status : null;
}

async function respondWith(c: Context<ApiEnv>, row: StatusRow) {
  const entity = await renderStatus(c, row);
  return entity ? c.json(entity) : notFound(c);
}

/** Status routes. */
export function statusesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.post("/", requireUser("write:statuses"), async (c) => {
    const parsed = await parseParams(c, createSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const ctx = federationContext(c);
    const posted = await c.var.deps.services.postLocalStatus(
      {
        accountId: viewerId(c),
        text: p.status ?? "",
        visibility: p.visibility ?? "public",
        spoilerText: p.spoiler_text ?? "",
        sensitive: p.sensitive ?? false,
        language: p.language ?? null,
        inReplyToId: p.in_reply_to_id ?? null,
      },
      (handle) => resolveHandle(ctx, handle),
    );
    return posted.ok ? respondWith(c, posted.value) : failureResponse(c, posted);
  });

  routes.get("/:id", async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    return status && status.reblog_of_id === null ? respondWith(c, status) : notFound(c);
  });

  routes.delete("/:id", requireUser("write:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    if (!status) return notFound(c);
    const entity = await renderStatus(c, status);
    const deleted = await c.var.deps.services.deleteStatus({ statusId: status.id, accountId: viewerId(c), origin: "local" });
    if (!deleted.ok) return deleted.kind === "forbidden" ? notFound(c) : failureResponse(c, deleted);
    // The source text comes back so clients can offer "delete and redraft".
    return c.json({ ...entity, text: status.text ?? "" });
  });

  for (const [path, scope, act] of [
    ["favourite", "write:favourites", "favouriteStatus"],
    ["unfavourite", "write:favourites", "unfavouriteStatus"],
  ] as const) {
    routes.post(`/:id/${path}`, requireUser(scope), async (c) => {
      const status = await visibleStatus(c, c.req.param("id"));
      if (!status) return notFound(c);
      const done = await c.var.deps.services[act]({ accountId: viewerId(c), statusId: status.id, origin: "local" });
      return done.ok ? respondWith(c, done.value) : failureResponse(c, done);
    });
  }

  routes.post("/:id/reblog", requireUser("write:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    if (!status) return notFound(c);
    const parsed = await parseParams(c, z.object({ visibility: visibility.optional() }));
    if (!parsed.ok) return parsed.response;
    const done = await c.var.deps.services.reblogStatus({
      accountId: viewerId(c),
      statusId: status.id,
      origin: "local",
      ...(parsed.value.visibility ? { visibility: parsed.value.visibility } : {}),
    });
    return done.ok ? respondWith(c, done.value) : failureResponse(c, done);
  });

  routes.post("/:id/unreblog", requireUser("write:statuses"), async (c) => {
    const status = await visibleStatus(c, c.req.param("id"));
    if (!status) return notFound(c);
    const me = viewerId(c);
    const reblog = await c.var.deps.db.selectFrom("statuses").selectAll().where("reblog_of_id", "=", status.id).where("account_id", "=", me).executeTakeFirst();
    if (reblog) {
      const undone = await c.var.deps.services.deleteStatus({ statusId: reblog.id, accountId: me, origin: "local" });
      if (!undone.ok) return failureResponse(c, undone);
    }
    const fresh = await findStatusById(c.var.deps.db, status.id);
    return fresh ? respondWith(c, fresh) : notFound(c);
  });

  return routes;
}
