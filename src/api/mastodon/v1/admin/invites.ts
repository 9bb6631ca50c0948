// /api/v1/admin/invites: Parley's extension (Mastodon manages invites in its
// web UI only). Staff with invite_users list, create and revoke invite links.
import { Hono } from "hono";
import { z } from "zod";
import { findInviteById, pageInvites } from "../../../../../db/queries/sign-up-controls.ts";
import { serializeInvite } from "../../../../entities/sign-up-controls.ts";
import { createInvite, revokeInvite } from "../../../../services/accounts/invites.ts";
import { parseParams } from "../../body.ts";
import type { ApiEnv } from "../../env.ts";
import { failureResponse, notFound } from "../../errors.ts";
import { moderatorOf, requireStaff } from "../../middleware/staff.ts";
import { readKeysetPage } from "../../pagination.ts";
import { expiresIn, integer } from "../../params.ts";

/** The invite routes. */
export function adminInvitesRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const origin = (c: { var: ApiEnv["Variables"] }) => c.var.deps.config.publicUrl.origin;
  routes.get("/", requireStaff("invite_users", "admin:read"), async (c) => {
    const rows = await readKeysetPage(c, (range) => pageInvites(c.var.deps.db, range), (row) => row.id, { defaultLimit: 40, maxLimit: 200 });
    return c.json(rows.map((row) => serializeInvite(row, origin(c))));
  });
  routes.post("/", requireStaff("invite_users", "admin:write"), async (c) => {
    const parsed = await parseParams(c, z.object({ max_uses: integer.nullable().optional(), expires_in: expiresIn, comment: z.string().optional() }));
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const created = await createInvite(c.var.deps.services.deps, moderatorOf(c), { maxUses: p.max_uses ?? null, expiresIn: p.expires_in ?? null, comment: p.comment ?? null });
    if (!created.ok) return failureResponse(c, created);
    const row = await findInviteById(c.var.deps.db, created.value.id);
    return row ? c.json(serializeInvite(row, origin(c))) : notFound(c);
  });
  routes.delete("/:id", requireStaff("invite_users", "admin:write"), async (c) => {
    const revoked = await revokeInvite(c.var.deps.services.deps, moderatorOf(c), c.req.param("id"));
    return revoked.ok ? c.json({}) : failureResponse(c, revoked);
  });
  return routes;
}
