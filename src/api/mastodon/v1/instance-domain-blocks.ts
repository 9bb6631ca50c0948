// GET /api/v1/instance/domain_blocks: the instance's suspended and silenced
// domains, when the operator shows them (show_domain_blocks: disabled 404,
// users 401 without a token, all public), obfuscated where asked, each with
// the SHA-256 digest of its real domain; public comments per
// show_domain_blocks_rationale (Mastodon's Instances::DomainBlocksController).
import { Hono } from "hono";
import { listDomainBlocks } from "../../../../db/queries/domain-blocks.ts";
import { serializePublicDomainBlock } from "../../../entities/domain-block.ts";
import { readFederationSetting } from "../../../services/moderation/federation-policy.ts";
import type { ApiEnv } from "../env.ts";
import { apiError, notFound } from "../errors.ts";

/** The public list of domain blocks. */
export function instanceDomainBlocksRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", async (c) => {
    const db = c.var.deps.db;
    const [show, rationale] = await Promise.all([readFederationSetting(db, "show_domain_blocks"), readFederationSetting(db, "show_domain_blocks_rationale")]);
    const signedIn = !!c.var.auth?.accountId;
    if (show === "disabled") return notFound(c);
    if (show === "users" && !signedIn) return apiError(c, 401, "This list is shown to signed-in users only");
    const withComment = rationale === "all" || (rationale === "users" && signedIn);
    const blocks = (await listDomainBlocks(db)).filter((b) => b.severity !== "noop");
    if (show === "all") c.header("Cache-Control", "public, max-age=180");
    return c.json(blocks.map((b) => serializePublicDomainBlock(b, withComment)));
  });
  return routes;
}
