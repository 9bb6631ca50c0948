// /api/v1/domain_blocks: the remote domains the caller hides. Blocking one
// ends the follows between the caller and that domain (federated).
import { Hono } from "hono";
import { z } from "zod";
import { pageDomainBlocks } from "../../../../db/queries/account-domain-blocks.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { readKeysetPage } from "../pagination.ts";

const domainSchema = z.object({ domain: z.string({ error: "Domain can't be blank" }) });

/** Domain block routes. */
export function domainBlocksRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:blocks"), async (c) => {
    const rows = await readKeysetPage(c, (range) => pageDomainBlocks(c.var.deps.db, viewerId(c), range), (r) => r.id, { defaultLimit: 100, maxLimit: 200 });
    return c.json(rows.map((r) => r.domain));
  });

  for (const [method, act] of [["post", "blockDomain"], ["delete", "unblockDomain"]] as const) {
    routes[method]("/", requireUser("write:blocks"), async (c) => {
      const parsed = await parseParams(c, domainSchema);
      if (!parsed.ok) return parsed.response;
      const done = await c.var.deps.services[act]({ accountId: viewerId(c), domain: parsed.value.domain });
      return done.ok ? c.json({}) : failureResponse(c, done);
    });
  }
  return routes;
}
