// Mastodon's admin API for sign-up blocks: /api/v1/admin/email_domain_blocks,
// /api/v1/admin/canonical_email_blocks and /api/v1/admin/ip_blocks
// (docs: methods/admin/email_domain_blocks, canonical_email_blocks,
// ip_blocks). They share listing, reading and lifting; creating differs.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { findCanonicalEmailBlock, findSignUpBlock, pageSignUpBlocks, type SignUpBlockTable } from "../../../../../db/queries/sign-up-controls.ts";
import { canonicalEmailHash } from "../../../../domain/sign-up-checks.ts";
import { serializeCanonicalEmailBlock, serializeEmailDomainBlock, serializeIpBlock } from "../../../../entities/sign-up-controls.ts";
import type { Result } from "../../../../domain/result.ts";
import { addCanonicalEmailBlock, addEmailDomainBlock, addIpBlock, changeIpBlock, removeSignUpBlock } from "../../../../services/moderation/sign-up-blocks.ts";
import { parseParams } from "../../body.ts";
import type { ApiEnv } from "../../env.ts";
import { failureResponse, notFound } from "../../errors.ts";
import { moderatorOf, requireStaff } from "../../middleware/staff.ts";
import { readKeysetPage } from "../../pagination.ts";
import { expiresIn } from "../../params.ts";

type Serialize = (row: any) => unknown;

// GET /, GET /:id, DELETE /:id for one kind of block; `scope` names its granular scopes.
function blockRoutes(table: SignUpBlockTable, scope: string, serialize: Serialize): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const read = requireStaff("manage_blocks", "admin:read", `admin:read:${scope}`);
  const write = requireStaff("manage_blocks", "admin:write", `admin:write:${scope}`);
  routes.get("/", read, async (c) => {
    const rows = await readKeysetPage(c, (range) => pageSignUpBlocks(c.var.deps.db, table, range), (row) => row.id, { defaultLimit: 100, maxLimit: 500 });
    return c.json(rows.map(serialize));
  });
  routes.get("/:id", read, async (c) => {
    const row = await findSignUpBlock(c.var.deps.db, table, c.req.param("id"));
    return row ? c.json(serialize(row)) : notFound(c);
  });
  routes.delete("/:id", write, async (c) => {
    const removed = await removeSignUpBlock(c.var.deps.services.deps, moderatorOf(c), table, c.req.param("id"));
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });
  return routes;
}

// Answers a created or changed block with its entity.
async function respondWithBlock(c: Context<ApiEnv>, table: SignUpBlockTable, result: Result<string>, serialize: Serialize) {
  if (!result.ok) return failureResponse(c, result);
  const row = await findSignUpBlock(c.var.deps.db, table, result.value);
  return row ? c.json(serialize(row)) : notFound(c);
}

/** /api/v1/admin/email_domain_blocks. */
export function adminEmailDomainBlocksRoutes(): Hono<ApiEnv> {
  const routes = blockRoutes("email_domain_blocks", "email_domain_blocks", serializeEmailDomainBlock);
  routes.post("/", requireStaff("manage_blocks", "admin:write", "admin:write:email_domain_blocks"), async (c) => {
    const parsed = await parseParams(c, z.object({ domain: z.string().default("") }));
    if (!parsed.ok) return parsed.response;
    const added = await addEmailDomainBlock(c.var.deps.services.deps, moderatorOf(c), parsed.value.domain);
    return respondWithBlock(c, "email_domain_blocks", added, serializeEmailDomainBlock);
  });
  return routes;
}

/** /api/v1/admin/canonical_email_blocks, with POST /test to check an address. */
export function adminCanonicalEmailBlocksRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  // Before the shared /:id routes, so "test" is not read as an id.
  routes.post("/test", requireStaff("manage_blocks", "admin:read", "admin:read:canonical_email_blocks"), async (c) => {
    const parsed = await parseParams(c, z.object({ email: z.string().min(1, "email is required") }));
    if (!parsed.ok) return parsed.response;
    const match = await findCanonicalEmailBlock(c.var.deps.db, canonicalEmailHash(parsed.value.email));
    return c.json(match ? [serializeCanonicalEmailBlock(match)] : []);
  });
  routes.post("/", requireStaff("manage_blocks", "admin:write", "admin:write:canonical_email_blocks"), async (c) => {
    const parsed = await parseParams(c, z.object({ email: z.string().optional(), canonical_email_hash: z.string().optional() }));
    if (!parsed.ok) return parsed.response;
    const added = await addCanonicalEmailBlock(c.var.deps.services.deps, moderatorOf(c), { email: parsed.value.email, hash: parsed.value.canonical_email_hash });
    return respondWithBlock(c, "canonical_email_blocks", added, serializeCanonicalEmailBlock);
  });
  routes.route("/", blockRoutes("canonical_email_blocks", "canonical_email_blocks", serializeCanonicalEmailBlock));
  return routes;
}

const ipBlockParams = z.object({ ip: z.string().optional(), severity: z.string().optional(), comment: z.string().optional(), expires_in: expiresIn });

/** /api/v1/admin/ip_blocks, with PUT /:id to change one. */
export function adminIpBlocksRoutes(): Hono<ApiEnv> {
  const routes = blockRoutes("ip_blocks", "ip_blocks", serializeIpBlock);
  const write = requireStaff("manage_blocks", "admin:write", "admin:write:ip_blocks");
  routes.post("/", write, async (c) => {
    const parsed = await parseParams(c, ipBlockParams);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const added = await addIpBlock(c.var.deps.services.deps, moderatorOf(c), { ip: p.ip, severity: p.severity, comment: p.comment, expiresIn: p.expires_in ?? null });
    return respondWithBlock(c, "ip_blocks", added, serializeIpBlock);
  });
  routes.put("/:id", write, async (c) => {
    const parsed = await parseParams(c, ipBlockParams);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const changed = await changeIpBlock(c.var.deps.services.deps, moderatorOf(c), c.req.param("id"), { ip: p.ip, severity: p.severity, comment: p.comment, expiresIn: p.expires_in });
    return respondWithBlock(c, "ip_blocks", changed, serializeIpBlock);
  });
  return routes;
}
