// /api/v1/admin/domain_allows: Mastodon's admin API for the domains federation
// is allowed with (list, show, create, delete; Admin::DomainAllow).
import { Hono } from "hono";
import { z } from "zod";
import { findDomainAllowById, pageDomainAllows } from "../../../../../db/queries/domain-blocks.ts";
import { serializeDomainAllow } from "../../../../entities/domain-block.ts";
import { parseParams } from "../../body.ts";
import type { ApiEnv } from "../../env.ts";
import { failureResponse, notFound } from "../../errors.ts";
import { moderatorOf, requireStaff } from "../../middleware/staff.ts";
import { readKeysetPage } from "../../pagination.ts";
import { idParam } from "../../params.ts";

const READ = requireStaff("manage_federation", "admin:read:domain_allows");
const WRITE = requireStaff("manage_federation", "admin:write:domain_allows");

/** The admin domain allow routes. */
export function adminDomainAllowsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", READ, async (c) => {
    const rows = await readKeysetPage(c, (range) => pageDomainAllows(c.var.deps.db, range), (row) => row.id, { defaultLimit: 100, maxLimit: 200 });
    return c.json(rows.map(serializeDomainAllow));
  });

  routes.get("/:id", READ, async (c) => {
    const row = await findDomainAllowById(c.var.deps.db, idParam(c));
    return row ? c.json(serializeDomainAllow(row)) : notFound(c);
  });

  routes.post("/", WRITE, async (c) => {
    const parsed = await parseParams(c, z.object({ domain: z.string().min(1) }));
    if (!parsed.ok) return parsed.response;
    const created = await c.var.deps.services.createDomainAllow(moderatorOf(c), parsed.value);
    return created.ok ? c.json(serializeDomainAllow(created.value)) : failureResponse(c, created);
  });

  routes.delete("/:id", WRITE, async (c) => {
    const removed = await c.var.deps.services.removeDomainAllow(moderatorOf(c), idParam(c));
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });

  return routes;
}
