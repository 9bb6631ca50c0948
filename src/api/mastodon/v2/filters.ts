// /api/v2/filters: the signed-in user's content filters, their keywords and
// filtered statuses (Mastodon docs: methods/filters#v2).
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findOwnFilter, findOwnFilterKeyword, findOwnFilterStatus, type FilterRow, listOwnFilters, loadFilterDetails } from "../../../../db/queries/filters.ts";
import { isId } from "../../../domain/ids.ts";
import { serializeFilter, serializeFilterKeyword, serializeFilterStatus } from "../../../entities/filter.ts";
import type { KeywordChange } from "../../../services/filters/manage-filters.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { expiresIn, flag, idParam, list } from "../params.ts";

const keywordSchema = z.object({
  // A malformed id matches no keyword (404), as an unknown one does.
  id: z.coerce.string().transform((v) => (isId(v) ? v : "0")).optional(),
  keyword: z.string().optional(),
  whole_word: flag.optional(),
  _destroy: flag.optional(),
});

// keywords_attributes comes as a list, or as a hash keyed by index (Rails' nested attributes).
const keywordsSchema = z.preprocess(
  (v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.values(v) : v),
  list(keywordSchema),
).optional();

const filterSchema = z.object({
  title: z.string().optional(),
  context: list(z.string()).optional(),
  filter_action: z.string().optional(),
  expires_in: expiresIn,
  keywords_attributes: keywordsSchema,
});

const keywordBodySchema = z.object({ keyword: z.string().optional(), whole_word: flag.optional() });

function keywordChanges(items: z.infer<typeof keywordSchema>[] | undefined): KeywordChange[] | undefined {
  return items?.map((k) => ({ id: k.id, keyword: k.keyword, wholeWord: k.whole_word, destroy: k._destroy }));
}

async function respondWithFilter(c: Context<ApiEnv>, row: FilterRow) {
  return c.json(serializeFilter(row, await loadFilterDetails(c.var.deps.db, [row.id])));
}

/** Filter routes (API v2). */
export function filtersV2Routes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:filters"), async (c) => {
    const rows = await listOwnFilters(c.var.deps.db, viewerId(c));
    const details = await loadFilterDetails(c.var.deps.db, rows.map((r) => r.id));
    return c.json(rows.map((r) => serializeFilter(r, details)));
  });

  routes.post("/", requireUser("write:filters"), async (c) => {
    const parsed = await parseParams(c, filterSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const created = await c.var.deps.services.createFilter({
      accountId: viewerId(c),
      title: p.title,
      context: p.context,
      action: p.filter_action,
      expiresIn: p.expires_in ?? null,
      keywords: keywordChanges(p.keywords_attributes),
    });
    return created.ok ? respondWithFilter(c, created.value) : failureResponse(c, created);
  });

  // Keyword and status entries by their own id come before /:id.
  routes.get("/keywords/:id", requireUser("read:filters"), async (c) => {
    const keyword = await findOwnFilterKeyword(c.var.deps.db, viewerId(c), idParam(c));
    return keyword ? c.json(serializeFilterKeyword(keyword)) : notFound(c);
  });

  routes.put("/keywords/:id", requireUser("write:filters"), async (c) => {
    const parsed = await parseParams(c, keywordBodySchema);
    if (!parsed.ok) return parsed.response;
    const changed = await c.var.deps.services.changeFilterKeyword({
      accountId: viewerId(c),
      keywordId: idParam(c),
      keyword: parsed.value.keyword,
      wholeWord: parsed.value.whole_word,
    });
    return changed.ok ? c.json(serializeFilterKeyword(changed.value)) : failureResponse(c, changed);
  });

  routes.delete("/keywords/:id", requireUser("write:filters"), async (c) => {
    const removed = await c.var.deps.services.removeFilterKeyword({ accountId: viewerId(c), keywordId: idParam(c) });
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });

  routes.get("/statuses/:id", requireUser("read:filters"), async (c) => {
    const entry = await findOwnFilterStatus(c.var.deps.db, viewerId(c), idParam(c));
    return entry ? c.json(serializeFilterStatus(entry)) : notFound(c);
  });

  routes.delete("/statuses/:id", requireUser("write:filters"), async (c) => {
    const removed = await c.var.deps.services.removeFilterStatus({ accountId: viewerId(c), id: idParam(c) });
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });

  routes.get("/:id", requireUser("read:filters"), async (c) => {
    const filter = await findOwnFilter(c.var.deps.db, viewerId(c), idParam(c));
    return filter ? respondWithFilter(c, filter) : notFound(c);
  });

  routes.put("/:id", requireUser("write:filters"), async (c) => {
    const parsed = await parseParams(c, filterSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const updated = await c.var.deps.services.updateFilter({
      accountId: viewerId(c),
      filterId: idParam(c),
      title: p.title,
      context: p.context,
      action: p.filter_action,
      expiresIn: p.expires_in,
      keywords: keywordChanges(p.keywords_attributes),
    });
    return updated.ok ? respondWithFilter(c, updated.value) : failureResponse(c, updated);
  });

  routes.delete("/:id", requireUser("write:filters"), async (c) => {
    const deleted = await c.var.deps.services.deleteFilter({ accountId: viewerId(c), filterId: idParam(c) });
    return deleted.ok ? c.json({}) : failureResponse(c, deleted);
  });

  routes.get("/:id/keywords", requireUser("read:filters"), async (c) => {
    const filter = await findOwnFilter(c.var.deps.db, viewerId(c), idParam(c));
    if (!filter) return notFound(c);
    return c.json(((await loadFilterDetails(c.var.deps.db, [filter.id])).keywords.get(filter.id) ?? []).map(serializeFilterKeyword));
  });

  routes.post("/:id/keywords", requireUser("write:filters"), async (c) => {
    const parsed = await parseParams(c, keywordBodySchema);
    if (!parsed.ok) return parsed.response;
    const added = await c.var.deps.services.addFilterKeyword({
      accountId: viewerId(c),
      filterId: idParam(c),
      keyword: parsed.value.keyword,
      wholeWord: parsed.value.whole_word,
    });
    return added.ok ? c.json(serializeFilterKeyword(added.value)) : failureResponse(c, added);
  });

  routes.get("/:id/statuses", requireUser("read:filters"), async (c) => {
    const filter = await findOwnFilter(c.var.deps.db, viewerId(c), idParam(c));
    if (!filter) return notFound(c);
    return c.json(((await loadFilterDetails(c.var.deps.db, [filter.id])).statuses.get(filter.id) ?? []).map(serializeFilterStatus));
  });

  routes.post("/:id/statuses", requireUser("write:filters"), async (c) => {
    const parsed = await parseParams(c, z.object({ status_id: z.coerce.string().optional() }));
    if (!parsed.ok) return parsed.response;
    const statusId = parsed.value.status_id ?? "";
    if (!isId(statusId)) return notFound(c);
    const added = await c.var.deps.services.addFilterStatus({ accountId: viewerId(c), filterId: idParam(c), statusId });
    return added.ok ? c.json(serializeFilterStatus(added.value)) : failureResponse(c, added);
  });

  return routes;
}
