// /api/v1/accounts collection reads: several accounts by id, lookup by
// handle, search, relationships and familiar followers.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { type AccountRow, findAccountsByIds } from "../../../../db/queries/accounts.ts";
import { findAccountByAcct, findFamiliarFollowers, searchAccounts } from "../../../../db/queries/account-search.ts";
import { resolveHandle } from "../../../../federation/resolve/resolve-handle.ts";
import { isUnavailable } from "../../../domain/account-state.ts";
import { isId } from "../../../domain/ids.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { federationContext } from "../federation-context.ts";
import { requireUser, scopeIfToken, viewerId } from "../middleware/auth.ts";
import { flag, integer, list } from "../params.ts";
import { renderAccounts, renderRelationships } from "../render-accounts.ts";

const idsSchema = z.object({ id: list(z.string()).default([]) });
const searchSchema = z.object({
  q: z.string().trim().min(1),
  limit: integer.optional(),
  offset: integer.optional(),
  resolve: flag.optional(),
  following: flag.optional(),
});

/** user or user@host (a leading @ allowed) as username and domain (null for this instance); null if malformed. */
function parseAcct(c: Context<ApiEnv>, acct: string): { username: string; domain: string | null } | null {
  const match = /^@?([^@\s]+)(?:@([^@\s/]+))?$/.exec(acct.trim());
  if (!match) return null;
  const domain = match[2]?.toLowerCase() ?? null;
  return { username: match[1]!, domain: domain === c.var.deps.contextData.uris.host.toLowerCase() ? null : domain };
}

/** Existing, reachable accounts for the ids, in the order asked, without repeats. */
async function accountsInOrder(c: Context<ApiEnv>, ids: readonly string[]): Promise<AccountRow[]> {
  const wanted = [...new Set(ids.filter(isId))];
  const found = new Map((await findAccountsByIds(c.var.deps.db, wanted)).map((a) => [a.id, a]));
  return wanted.flatMap((id) => {
    const account = found.get(id);
    return account && !isUnavailable(account) ? [account] : [];
  });
}

/** Collection-level account routes. */
export function accountsLookupRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", scopeIfToken("read:accounts"), async (c) => {
    const parsed = await parseParams(c, idsSchema);
    if (!parsed.ok) return parsed.response;
    return c.json(await renderAccounts(c, await accountsInOrder(c, parsed.value.id.slice(0, 40))));
  });

  routes.get("/lookup", scopeIfToken("read:accounts"), async (c) => {
    const acct = parseAcct(c, c.req.query("acct") ?? "");
    if (!acct) return notFound(c);
    const known = await findAccountByAcct(c.var.deps.db, acct.username, acct.domain);
    // An unknown remote handle is looked up over WebFinger, as search with resolve does.
    const account = known ?? (acct.domain ? await resolveHandle(federationContext(c), `${acct.username}@${acct.domain}`) : null);
    return account && !isUnavailable(account) ? c.json((await renderAccounts(c, [account]))[0]) : notFound(c);
  });

  routes.get("/search", requireUser("read:accounts"), async (c) => {
    const parsed = await parseParams(c, searchSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const limit = Math.min(Math.max(p.limit ?? 40, 1), 80);
    const offset = Math.max(p.offset ?? 0, 0);
    const acct = parseAcct(c, p.q);
    const term = p.q.replace(/^@/, "");
    // resolve=true looks an unknown user@host up over WebFinger (Mastodon's AccountSearchService).
    const resolved = p.resolve && offset === 0 && acct?.domain && !(await findAccountByAcct(c.var.deps.db, acct.username, acct.domain))
      ? await resolveHandle(federationContext(c), `${acct.username}@${acct.domain}`)
      : null;
    const found = await searchAccounts(c.var.deps.db, {
      term: acct && acct.domain === null ? acct.username : term,
      viewerId: viewerId(c),
      following: p.following ?? false,
      limit,
      offset,
    });
    const rows = resolved && !found.some((a) => a.id === resolved.id) ? [resolved, ...found].slice(0, limit) : found;
    return c.json(await renderAccounts(c, rows));
  });

  routes.get("/relationships", requireUser("read:follows"), async (c) => {
    const parsed = await parseParams(c, idsSchema);
    if (!parsed.ok) return parsed.response;
    return c.json(await renderRelationships(c, viewerId(c), await accountsInOrder(c, parsed.value.id)));
  });

  routes.get("/familiar_followers", requireUser("read:follows"), async (c) => {
    const parsed = await parseParams(c, idsSchema);
    if (!parsed.ok) return parsed.response;
    const targets = await accountsInOrder(c, parsed.value.id);
    const familiar = await findFamiliarFollowers(c.var.deps.db, viewerId(c), targets.map((t) => t.id));
    const rendered = new Map((await renderAccounts(c, [...familiar.values()].flat())).map((a) => [a.id, a]));
    return c.json(targets.map((t) => ({ id: t.id, accounts: (familiar.get(t.id) ?? []).map((a) => rendered.get(a.id)!) })));
  });

  return routes;
}
