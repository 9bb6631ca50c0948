// /api/v1/accounts: the signed-in account and public account lookups.
import { Hono } from "hono";
import { findAccountById } from "../../../../db/queries/accounts.ts";
import { serializeAccount, serializeCredentialAccount } from "../../../entities/account.ts";
import { isId } from "../../../domain/ids.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";

/** Account routes. */
export function accountsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/verify_credentials", requireUser("read:accounts", "profile"), async (c) => {
    const db = c.var.deps.db;
    const id = viewerId(c);
    const [account, user, requests] = await Promise.all([
      findAccountById(db, id),
      db.selectFrom("users").select("role").where("account_id", "=", id).executeTakeFirst(),
      db.selectFrom("follow_requests").select((eb) => eb.fn.countAll<number>().as("n")).where("target_account_id", "=", id).executeTakeFirstOrThrow(),
    ]);
    if (!account || !user) return notFound(c);
    return c.json(serializeCredentialAccount(entityContext(c), account, {
      role: user.role,
      followRequestsCount: Number(requests.n),
      privacy: "public",
      sensitive: false,
      language: null,
    }));
  });

  routes.get("/:id", async (c) => {
    const id = c.req.param("id");
    const account = isId(id) ? await findAccountById(c.var.deps.db, id) : undefined;
    if (!account || account.deleted_at !== null) return notFound(c);
    return c.json(serializeAccount(entityContext(c), account));
  });

  return routes;
}
