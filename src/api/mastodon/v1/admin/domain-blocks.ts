// /api/v1/admin/domain_blocks: Mastodon's admin API for instance-level domain
// blocks (list, show, create, update, delete; Admin::DomainBlock), and
// Parley's extensions beside it: POST /import (Mastodon's CSV or a plain list,
// with dry_run for a preview) and GET /export (Mastodon's CSV).
import { Hono } from "hono";
import { z } from "zod";
import { findDomainBlockByDomain, findDomainBlockById, pageDomainBlocks } from "../../../../../db/queries/domain-blocks.ts";
import { serializeAdminDomainBlock } from "../../../../entities/domain-block.ts";
import { normalizeDomain } from "../../../../services/relationships/block-domain.ts";
import { parseParams, readParams } from "../../body.ts";
import type { ApiEnv } from "../../env.ts";
import { apiError, failureResponse, notFound } from "../../errors.ts";
import { moderatorOf, requireStaff } from "../../middleware/staff.ts";
import { readKeysetPage } from "../../pagination.ts";
import { flag, idParam } from "../../params.ts";

const READ = requireStaff("manage_federation", "admin:read:domain_blocks");
const WRITE = requireStaff("manage_federation", "admin:write:domain_blocks");

const comment = z.string().max(1_000).nullable().optional();
const settings = {
  severity: z.enum(["suspend", "silence", "noop"]).optional(),
  reject_media: flag.optional(),
  reject_reports: flag.optional(),
  private_comment: comment,
  public_comment: comment,
  obfuscate: flag.optional(),
};
const createSchema = z.object({ domain: z.string().min(1), ...settings });
const updateSchema = z.object(settings);

/** The admin domain block routes. */
export function adminDomainBlocksRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", READ, async (c) => {
    const rows = await readKeysetPage(c, (range) => pageDomainBlocks(c.var.deps.db, range), (row) => row.id, { defaultLimit: 100, maxLimit: 200 });
    return c.json(rows.map(serializeAdminDomainBlock));
  });

  routes.get("/export", READ, async (c) => {
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", 'attachment; filename="domain_blocks.csv"');
    return c.body(await c.var.deps.services.exportDomainBlocks());
  });

  routes.post("/import", WRITE, async (c) => {
    const params = await readParams(c);
    const file = params.file ?? params.data;
    const text = file instanceof File ? await file.text() : typeof file === "string" ? file : null;
    if (text === null) return apiError(c, 422, "Validation failed: file is missing");
    const dryRun = flag.safeParse(params.dry_run ?? false);
    const outcome = await c.var.deps.services.importDomainBlocks(moderatorOf(c), { text, dryRun: dryRun.success && dryRun.data });
    if (!outcome.ok) return failureResponse(c, outcome);
    const { dryRun: dry, ...rest } = outcome.value;
    return c.json({ dry_run: dry, ...rest });
  });

  routes.get("/:id", READ, async (c) => {
    const row = await findDomainBlockById(c.var.deps.db, idParam(c));
    return row ? c.json(serializeAdminDomainBlock(row)) : notFound(c);
  });

  routes.post("/", WRITE, async (c) => {
    const parsed = await parseParams(c, createSchema);
    if (!parsed.ok) return parsed.response;
    const { domain, ...rest } = parsed.value;
    const created = await c.var.deps.services.createDomainBlock(moderatorOf(c), { domain, ...rest });
    if (created.ok) return c.json(serializeAdminDomainBlock(created.value));
    if (created.kind === "conflict") {
      // Mastodon names the block in the way.
      const existing = await findDomainBlockByDomain(c.var.deps.db, normalizeDomain(domain) ?? "");
      return c.json({ error: created.message, ...(existing ? { existing_domain_block: serializeAdminDomainBlock(existing) } : {}) }, 422);
    }
    return failureResponse(c, created);
  });

  routes.put("/:id", WRITE, async (c) => {
    const parsed = await parseParams(c, updateSchema);
    if (!parsed.ok) return parsed.response;
    const updated = await c.var.deps.services.updateDomainBlockSettings(moderatorOf(c), idParam(c), parsed.value);
    return updated.ok ? c.json(serializeAdminDomainBlock(updated.value)) : failureResponse(c, updated);
  });

  routes.delete("/:id", WRITE, async (c) => {
    const removed = await c.var.deps.services.removeDomainBlock(moderatorOf(c), idParam(c));
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });

  return routes;
}
