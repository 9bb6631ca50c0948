// POST /api/v1/admin/accounts/:id/action, approve, reject, enable,
// unsilence, unsuspend, unsensitive, and DELETE /api/v1/admin/accounts/:id:
// the moderation actions on an account, each through one service call.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findAdminAccount } from "../../../../../db/queries/admin-accounts.ts";
import type { Result } from "../../../../domain/result.ts";
import { serializeAdminAccount } from "../../../../entities/admin-account.ts";
import { parseParams } from "../../body.ts";
import { entityContext } from "../../entity-context.ts";
import type { ApiEnv } from "../../env.ts";
import { failureResponse, notFound } from "../../errors.ts";
import { moderatorOf, requireStaff } from "../../middleware/staff.ts";
import { flag, idParam } from "../../params.ts";

const actionSchema = z.object({
  type: z.enum(["none", "sensitive", "disable", "silence", "suspend"]),
  report_id: z.string().optional(),
  warning_preset_id: z.string().optional(),
  text: z.string().optional(),
  send_email_notification: flag.optional(),
});

const REVERSALS = { enable: "enable", unsilence: "unsilence", unsuspend: "unsuspend", unsensitive: "unsensitive" } as const;

/** Answers with the account as it is now (reject and delete leave it gone: its last view is given). */
async function respondWith(c: Context<ApiEnv>, id: string, done: () => Promise<Result<unknown>>): Promise<Response> {
  const before = await findAdminAccount(c.var.deps.db, id);
  if (!before) return notFound(c);
  const result = await done();
  if (!result.ok) return failureResponse(c, result);
  const after = (await findAdminAccount(c.var.deps.db, id)) ?? before;
  return c.json(serializeAdminAccount(entityContext(c), after));
}

/** The account action routes. */
export function adminAccountsActionsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const write = (permission: "manage_users" | "delete_user_data" = "manage_users") => requireStaff(permission, "admin:write:accounts");

  routes.post("/:id/action", write(), async (c) => {
    const parsed = await parseParams(c, actionSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    if (!(await findAdminAccount(c.var.deps.db, idParam(c)))) return notFound(c);
    const done = await c.var.deps.services.actOnAccount(moderatorOf(c), { accountId: idParam(c), type: p.type, text: p.text, reportId: p.report_id });
    return done.ok ? c.json({}) : failureResponse(c, done);
  });

  for (const [path, change] of Object.entries(REVERSALS)) {
    routes.post(`/:id/${path}`, write(), (c) =>
      respondWith(c, idParam(c), () => c.var.deps.services.reverseAccountAction(moderatorOf(c), { accountId: idParam(c), change })));
  }
  for (const approve of [true, false]) {
    routes.post(`/:id/${approve ? "approve" : "reject"}`, write(), (c) =>
      respondWith(c, idParam(c), () => c.var.deps.services.decideRegistration(moderatorOf(c), { accountId: idParam(c), approve })));
  }
  routes.delete("/:id", write("delete_user_data"), (c) =>
    respondWith(c, idParam(c), () => c.var.deps.services.reverseAccountAction(moderatorOf(c), { accountId: idParam(c), change: "delete_data" })));
  return routes;
}
