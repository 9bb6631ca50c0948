// GET /api/v1/accounts/:id/lists: the signed-in user's lists containing an
// account (mounted beside the accounts router, at the same prefix).
import { Hono } from "hono";
import { findAccountById } from "../../../../db/queries/accounts.ts";
import { findListsContaining } from "../../../../db/queries/lists.ts";
import { serializeList } from "../../../entities/list.ts";
import { isId } from "../../../domain/ids.ts";
import type { ApiEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";

/** Account-lists route. */
export function accountListsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/:id/lists", requireUser("read:lists"), async (c) => {
    const id = c.req.param("id");
    const account = isId(id) ? await findAccountById(c.var.deps.db, id) : undefined;
    if (!account || account.deleted_at !== null) return notFound(c);
    return c.json((await findListsContaining(c.var.deps.db, viewerId(c), account.id)).map(serializeList));
  });
  return routes;
}
