// /api/v1/filters: the filters API v1 for older clients, mapped onto v2 as
// Mastodon 4 does (a v1 filter is one keyword; docs: methods/filters#v1).
import { Hono } from "hono";
import { z } from "zod";
import { findOwnFilter, findOwnFilterKeyword, listOwnFilters, loadFilterDetails } from "../../../../db/queries/filters.ts";
import { serializeV1Filter } from "../../../entities/v1-filter.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { expiresIn, flag, idParam, list } from "../params.ts";

const v1Schema = z.object({
  phrase: z.string().optional(),
  context: list(z.string()).optional(),
  irreversible: flag.optional(),
  whole_word: flag.optional(),
  expires_in: expiresIn,
});

/** Filter routes (API v1). */
export function filtersV1Routes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:filters"), async (c) => {
    const filters = await listOwnFilters(c.var.deps.db, viewerId(c));
    const details = await loadFilterDetails(c.var.deps.db, filters.map((f) => f.id));
    return c.json(filters.flatMap((f) => (details.keywords.get(f.id) ?? []).map((k) => serializeV1Filter(k, f))));
  });

  routes.get("/:id", requireUser("read:filters"), async (c) => {
    const me = viewerId(c);
    const keyword = await findOwnFilterKeyword(c.var.deps.db, me, idParam(c));
    const filter = keyword && (await findOwnFilter(c.var.deps.db, me, keyword.filter_id));
    return keyword && filter ? c.json(serializeV1Filter(keyword, filter)) : notFound(c);
  });

  routes.post("/", requireUser("write:filters"), async (c) => {
    const parsed = await parseParams(c, v1Schema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const created = await c.var.deps.services.createV1Filter({
      accountId: viewerId(c),
      phrase: p.phrase,
      context: p.context,
      irreversible: p.irreversible,
      wholeWord: p.whole_word,
      expiresIn: p.expires_in ?? null,
    });
    return created.ok ? c.json(serializeV1Filter(created.value.keyword, created.value.filter)) : failureResponse(c, created);
  });

  routes.put("/:id", requireUser("write:filters"), async (c) => {
    const parsed = await parseParams(c, v1Schema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const updated = await c.var.deps.services.updateV1Filter({
      accountId: viewerId(c),
      keywordId: idParam(c),
      phrase: p.phrase,
      context: p.context,
      irreversible: p.irreversible,
      wholeWord: p.whole_word,
      expiresIn: p.expires_in,
    });
    return updated.ok ? c.json(serializeV1Filter(updated.value.keyword, updated.value.filter)) : failureResponse(c, updated);
  });

  // Removes only the keyword; its filter stays (Mastodon 4's v1 compatibility).
  routes.delete("/:id", requireUser("write:filters"), async (c) => {
    const removed = await c.var.deps.services.removeFilterKeyword({ accountId: viewerId(c), keywordId: idParam(c) });
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });

  return routes;
}
