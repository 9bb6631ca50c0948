// GET /api/v1/admin/audit_log: Parley's extension beside Mastodon's admin API
// (Mastodon shows its action log only in its web UI). Staff with
// view_audit_log read every moderation action, newest first, paged.
import { Hono } from "hono";
import { pageAuditEntries } from "../../../../../db/queries/audit-log.ts";
import { serializeAuditEntry } from "../../../../entities/audit-entry.ts";
import type { ApiEnv } from "../../env.ts";
import { requireStaff } from "../../middleware/staff.ts";
import { readKeysetPage } from "../../pagination.ts";

/** The audit log routes. */
export function adminAuditLogRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireStaff("view_audit_log", "admin:read"), async (c) => {
    const filter = {
      actorAccountId: c.req.query("account_id"),
      targetType: c.req.query("target_type"),
      targetId: c.req.query("target_id"),
      action: c.req.query("action"),
    };
    const rows = await readKeysetPage(c, (range) => pageAuditEntries(c.var.deps.db, filter, range), (row) => row.id, { defaultLimit: 40, maxLimit: 200 });
    return c.json(rows.map(serializeAuditEntry));
  });
  return routes;
}
