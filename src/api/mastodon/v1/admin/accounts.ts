// GET /api/v1/admin/accounts (v1 filters), GET /api/v2/admin/accounts (v2
// filters) and GET /api/v1/admin/accounts/:id: accounts as moderators see
// them (Admin::Account), for staff with manage_users.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { type AdminAccountFilter, findAdminAccount, pageAdminAccounts } from "../../../../../db/queries/admin-accounts.ts";
import type { Role } from "../../../../../db/schema/index.ts";
import { serializeAdminAccount } from "../../../../entities/admin-account.ts";
import { parseParams } from "../../body.ts";
import { entityContext } from "../../entity-context.ts";
import type { ApiEnv } from "../../env.ts";
import { notFound } from "../../errors.ts";
import { requireStaff } from "../../middleware/staff.ts";
import { readKeysetPage } from "../../pagination.ts";
import { flag, idParam, list } from "../../params.ts";
import { adminAccountsActionsRoutes } from "./accounts-actions.ts";

const text = z.string().trim().optional();
const common = { username: text, display_name: text, by_domain: text, email: text, ip: text };
const v1Schema = z.object({
  ...common,
  local: flag.optional(), remote: flag.optional(), active: flag.optional(), pending: flag.optional(), disabled: flag.optional(),
  silenced: flag.optional(), suspended: flag.optional(), sensitized: flag.optional(), staff: flag.optional(),
});
const v2Schema = z.object({
  ...common,
  origin: z.enum(["local", "remote"]).optional(),
  status: z.enum(["active", "pending", "disabled", "silenced", "suspended"]).optional(),
  permissions: z.enum(["staff"]).optional(),
  role_ids: list(z.string()).optional(),
  invited_by: text,
});
// Mastodon's seeded role ids (src/entities/role.ts).
const ROLE_IDS: Record<string, Role> = { "-99": "user", "1": "moderator", "2": "admin", "3": "owner" };
const STATUSES = ["active", "pending", "disabled", "silenced", "suspended", "sensitized"] as const;

/** The v1 flags as a filter (the first status flag given wins, as Mastodon's AccountFilter). */
function v1Filter(p: z.infer<typeof v1Schema>): AdminAccountFilter {
  return {
    origin: p.local ? "local" : p.remote ? "remote" : undefined,
    status: STATUSES.find((s) => p[s]),
    staff: p.staff,
    username: p.username, displayName: p.display_name, domain: p.by_domain, email: p.email,
  };
}

function v2Filter(p: z.infer<typeof v2Schema>): AdminAccountFilter {
  return {
    origin: p.origin,
    status: p.status,
    staff: p.permissions === "staff",
    roles: p.role_ids?.flatMap((id) => ROLE_IDS[id] ?? []),
    username: p.username, displayName: p.display_name, domain: p.by_domain, email: p.email,
  };
}

/** Answers with one page of the filtered accounts (Mastodon's caps: 100 by default, 200 at most). */
async function respondWithPage(c: Context<ApiEnv>, filter: AdminAccountFilter): Promise<Response> {
  // Parley keeps no sign-in IP addresses: an ip filter matches nobody.
  const rows = c.req.query("ip")
    ? []
    : await readKeysetPage(c, (range) => pageAdminAccounts(c.var.deps.db, filter, range), (r) => r.account.id, { defaultLimit: 100, maxLimit: 200 });
  const ctx = entityContext(c);
  return c.json(rows.map((r) => serializeAdminAccount(ctx, r)));
}

/** /api/v1/admin/accounts. */
export function adminAccountsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireStaff("manage_users", "admin:read:accounts"), async (c) => {
    const parsed = await parseParams(c, v1Schema);
    return parsed.ok ? respondWithPage(c, v1Filter(parsed.value)) : parsed.response;
  });
  routes.get("/:id", requireStaff("manage_users", "admin:read:accounts"), async (c) => {
    const row = await findAdminAccount(c.var.deps.db, idParam(c));
    return row ? c.json(serializeAdminAccount(entityContext(c), row)) : notFound(c);
  });
  routes.route("/", adminAccountsActionsRoutes());
  return routes;
}

/** /api/v2/admin/accounts. */
export function adminAccountsV2Routes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireStaff("manage_users", "admin:read:accounts"), async (c) => {
    const parsed = await parseParams(c, v2Schema);
    return parsed.ok ? respondWithPage(c, v2Filter(parsed.value)) : parsed.response;
  });
  return routes;
}
