// POST /api/v1/accounts: sign-up through an app (Mastodon 2.7). Needs an app
// token with write:accounts; answers with a token of that app for the new
// account. Mounted at /api/v1/accounts beside accounts.ts.
import { Hono } from "hono";
import { z } from "zod";
import { findApplicationById } from "../../../../db/queries/oauth-applications.ts";
import { serializeToken } from "../../../entities/token.ts";
import { registerAccount } from "../../../services/accounts/register-account.ts";
import { issueAccessToken } from "../../../services/oauth/issue-token.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireScope } from "../middleware/auth.ts";
import { clientAddress } from "../middleware/rate-limit.ts";
import { flag } from "../params.ts";

const signUpSchema = z.object({
  username: z.string().default(""),
  email: z.string().default(""),
  password: z.string().default(""),
  agreement: flag.default(false),
  locale: z.string().optional(),
  reason: z.string().optional(),
  // Parley's extension: Mastodon takes invite codes on its web sign-up only.
  invite_code: z.string().optional(),
});

/** The sign-up route. */
export function registrationsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.post("/", requireScope("write:accounts"), async (c) => {
    const parsed = await parseParams(c, signUpSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const deps = c.var.deps;
    const application = await findApplicationById(deps.db, c.var.auth!.applicationId);
    if (!application) return notFound(c);
    const registered = await registerAccount(deps.services.deps, {
      username: p.username,
      email: p.email,
      password: p.password,
      agreement: p.agreement,
      locale: p.locale ?? null,
      reason: p.reason ?? null,
      applicationId: application.id,
      mode: deps.config.registrations,
      ip: clientAddress(c, deps.config.trustProxy ?? false),
      inviteCode: p.invite_code ?? null,
    });
    if (!registered.ok) {
      return registered.details ? c.json({ error: registered.message, details: registered.details }, 422) : failureResponse(c, registered);
    }
    // Mastodon gives the app a token with all its scopes. In approval mode the token exists but
    // answers 401 until a moderator approves the account (findActiveToken).
    const issued = await issueAccessToken(deps.services.deps, {
      applicationId: application.id,
      accountId: registered.value.accountId,
      scopes: application.scopes.split(" "),
    });
    return c.json(serializeToken(issued.token, issued.row));
  });

  return routes;
}
