// /api/v1/accounts: the signed-in account, lookups and search, one account
// and its lists, and the actions on another account. Static paths are
// registered before /:id, which would otherwise take them.
import { Hono } from "hono";
import type { ApiEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { scopeIfToken } from "../middleware/auth.ts";
import { findVisibleAccount, renderAccounts } from "../render-accounts.ts";
import { accountsActionsRoutes } from "./accounts-actions.ts";
import { accountsCredentialsRoutes } from "./accounts-credentials.ts";
import { accountsListsRoutes } from "./accounts-lists.ts";
import { accountsLookupRoutes } from "./accounts-lookup.ts";

/** Account routes. */
export function accountsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.route("/", accountsCredentialsRoutes());
  routes.route("/", accountsLookupRoutes());
  routes.route("/", accountsActionsRoutes());
  routes.route("/", accountsListsRoutes());

  routes.get("/:id", scopeIfToken("read:accounts"), async (c) => {
    const account = await findVisibleAccount(c, c.req.param("id"));
    return account ? c.json((await renderAccounts(c, [account]))[0]) : notFound(c);
  });

  return routes;
}
