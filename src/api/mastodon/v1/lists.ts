// /api/v1/lists: the signed-in user's lists and their members.
import { Hono } from "hono";
import { z } from "zod";
import { findListsOf, findOwnList, pageListMembers } from "../../../../db/queries/lists.ts";
import { serializeAccount } from "../../../entities/account.ts";
import { serializeList } from "../../../entities/list.ts";
import { isId } from "../../../domain/ids.ts";
import { parseParams } from "../body.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { newestFirst, pageBounds, parsePage, setLinkHeader } from "../pagination.ts";
import { flag, idParam, list as listOf } from "../params.ts";

const settingsSchema = z.object({
  title: z.string().optional(),
  replies_policy: z.enum(["followed", "list", "none"]).optional(),
  exclusive: flag.optional(),
});

const membersSchema = z.object({ account_ids: listOf(z.string().refine(isId, "is not an id")).optional() });


/** List routes. */
export function listsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:lists"), async (c) => c.json((await findListsOf(c.var.deps.db, viewerId(c))).map(serializeList)));

  routes.post("/", requireUser("write:lists"), async (c) => {
    const parsed = await parseParams(c, settingsSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const created = await c.var.deps.services.createList({ accountId: viewerId(c), title: p.title, repliesPolicy: p.replies_policy, exclusive: p.exclusive });
    return created.ok ? c.json(serializeList(created.value)) : failureResponse(c, created);
  });

  routes.get("/:id", requireUser("read:lists"), async (c) => {
    const list = await findOwnList(c.var.deps.db, viewerId(c), idParam(c));
    return list ? c.json(serializeList(list)) : notFound(c);
  });

  routes.put("/:id", requireUser("write:lists"), async (c) => {
    const parsed = await parseParams(c, settingsSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const updated = await c.var.deps.services.updateListSettings({
      accountId: viewerId(c),
      listId: idParam(c),
      title: p.title,
      repliesPolicy: p.replies_policy,
      exclusive: p.exclusive,
    });
    return updated.ok ? c.json(serializeList(updated.value)) : failureResponse(c, updated);
  });

  routes.delete("/:id", requireUser("write:lists"), async (c) => {
    const removed = await c.var.deps.services.removeList({ accountId: viewerId(c), listId: idParam(c) });
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });

  routes.get("/:id/accounts", requireUser("read:lists"), async (c) => {
    const list = await findOwnList(c.var.deps.db, viewerId(c), idParam(c));
    if (!list) return notFound(c);
    // limit=0 lists every member without paging (Mastodon's lists API).
    const page = c.req.query("limit") === "0" ? { ...parsePage(c), limit: 0 } : parsePage(c, { defaultLimit: 40, maxLimit: 80 });
    const rows = newestFirst(await pageListMembers(c.var.deps.db, list.id, { ...pageBounds(page), limit: page.limit }), page);
    if (page.limit > 0) setLinkHeader(c, rows, (r) => r.id, c.var.deps.config.publicUrl.origin);
    return c.json(rows.map((a) => serializeAccount(entityContext(c), a)));
  });

  for (const [method, act] of [["post", "addListMembers"], ["delete", "removeListMembers"]] as const) {
    routes[method]("/:id/accounts", requireUser("write:lists"), async (c) => {
      const parsed = await parseParams(c, membersSchema);
      if (!parsed.ok) return parsed.response;
      const done = await c.var.deps.services[act]({ accountId: viewerId(c), listId: idParam(c), memberIds: parsed.value.account_ids ?? [] });
      return done.ok ? c.json({}) : failureResponse(c, done);
    });
  }

  return routes;
}
