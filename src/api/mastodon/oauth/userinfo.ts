// GET/POST /oauth/userinfo: who the token acts for, in OpenID Connect's
// claims (Mastodon 4.4; the profile scope, or read:accounts which covers it).
import { Hono } from "hono";
import { findAccountById } from "../../../../db/queries/accounts.ts";
import { serializeAccount } from "../../../entities/account.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { authenticate, requireUser, viewerId } from "../middleware/auth.ts";

/** The userinfo route; it authenticates its bearer token itself (/oauth is outside /api). */
export function userinfoRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.on(["GET", "POST"], "/oauth/userinfo", authenticate(), requireUser("profile", "read:accounts"), async (c) => {
    const account = await findAccountById(c.var.deps.db, viewerId(c));
    if (!account || account.deleted_at !== null) return notFound(c);
    const entity = serializeAccount(entityContext(c), account);
    return c.json({
      iss: `${c.var.deps.config.publicUrl.origin}/`,
      sub: account.uri,
      name: account.display_name || account.username,
      preferred_username: account.username,
      profile: entity.url,
      picture: entity.avatar,
    }, 200, { "Cache-Control": "no-store" });
  });
  return routes;
}
