// /api/v1/suggestions: accounts to follow (popular local accounts the caller
// neither follows nor hides), and dismissing one.
import { type Context, Hono } from "hono";
import { listSuggestedAccounts } from "../../../../db/queries/account-search.ts";
import type { AccountRow } from "../../../../db/queries/accounts.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { findVisibleAccount, renderAccounts } from "../render-accounts.ts";

/** The caller's suggestions, as many as ?limit= asks (40 by default, 80 at most). */
export function suggestedAccounts(c: Context<ApiEnv>): Promise<AccountRow[]> {
  const raw = Number.parseInt(c.req.query("limit") ?? "", 10);
  const limit = Number.isFinite(raw) ? Math.min(Math.max(raw, 1), 80) : 40;
  return listSuggestedAccounts(c.var.deps.db, viewerId(c), limit);
}

/** Suggestion routes (v1 answers plain accounts). */
export function suggestionsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:accounts"), async (c) => c.json(await renderAccounts(c, await suggestedAccounts(c))));
  routes.delete("/:id", requireUser("write:accounts"), async (c) => {
    const account = await findVisibleAccount(c, c.req.param("id"));
    if (!account) return notFound(c);
    const done = await c.var.deps.services.dismissSuggestion({ accountId: viewerId(c), targetId: account.id });
    return done.ok ? c.json({}) : failureResponse(c, done);
  });
  return routes;
}
