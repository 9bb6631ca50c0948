// /api/v1/directory: the profile directory of discoverable accounts.
import { Hono } from "hono";
import { z } from "zod";
import { listDirectory } from "../../../../db/queries/account-search.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { scopeIfToken } from "../middleware/auth.ts";
import { flag, integer } from "../params.ts";
import { renderAccounts } from "../render-accounts.ts";

const directorySchema = z.object({
  local: flag.optional(),
  order: z.enum(["active", "new"]).optional(),
  offset: integer.optional(),
  limit: integer.optional(),
});

/** Directory routes. */
export function directoryRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", scopeIfToken("read:accounts"), async (c) => {
    const parsed = await parseParams(c, directorySchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const rows = await listDirectory(c.var.deps.db, {
      localOnly: p.local ?? false,
      order: p.order ?? "active",
      offset: Math.max(p.offset ?? 0, 0),
      limit: Math.min(Math.max(p.limit ?? 40, 1), 80),
      viewerId: c.var.auth?.accountId ?? null,
    });
    return c.json(await renderAccounts(c, rows));
  });
  return routes;
}
