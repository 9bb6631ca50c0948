// GET and POST /oauth/authorize: the authorization code flow's browser part.
// GET checks the request and shows sign-in or consent; POST (the consent
// form, CSRF-checked) redirects back with a code or access_denied.
import { type Context, Hono } from "hono";
import { readParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { flag } from "../params.ts";
import { type AuthorizationCheck, type AuthorizationParams, checkAuthorizationRequest } from "../../../services/oauth/authorization-request.ts";
import { accountMaySignIn } from "../../../services/oauth/check-credentials.ts";
import { issueAuthorizationCode } from "../../../services/oauth/issue-token.ts";
import { OOB_REDIRECT_URI } from "../../../services/oauth/register-application.ts";
import { consentPage } from "../../../web/auth/consent-page.ts";
import { codePage, errorPage } from "../../../web/auth/message-page.ts";
import { currentSession, sessionHandle, sessionOfForm } from "../../../web/auth/session.ts";

const FAILED = "Authorization failed";

function requestParams(source: Record<string, unknown>): AuthorizationParams {
  const names = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"] as const;
  return Object.fromEntries(names.flatMap((name) => (typeof source[name] === "string" ? [[name, source[name]]] : [])));
}

/** The registered redirect URI with parameters added (RFC 6749 4.1.2: query component). */
function redirectWith(uri: string, params: Record<string, string | null>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  return url.href;
}

/** Answers a request that cannot go on: an error page, or the error sent back to the client. */
function refuse(c: Context<ApiEnv>, check: Exclude<AuthorizationCheck, { kind: "valid" }>): Response | Promise<Response> {
  if (check.kind === "unsafe") return errorPage(c, 400, FAILED, check.message);
  if (check.redirectUri === OOB_REDIRECT_URI) return errorPage(c, 400, FAILED, check.description);
  return c.redirect(redirectWith(check.redirectUri, { error: check.error, error_description: check.description, state: check.state }), 303);
}

/** Authorization routes. */
export function authorizeRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/oauth/authorize", async (c) => {
    const query = c.req.query();
    const check = await checkAuthorizationRequest(c.var.deps.db, requestParams(query));
    if (check.kind !== "valid") return refuse(c, check);
    const here = new URL(c.req.url);
    here.searchParams.delete("force_login");
    const returnTo = `${here.pathname}${here.search}`;
    const session = await currentSession(c);
    const handle = await sessionHandle(c, session);
    // force_login: the person wants to choose the account (Mastodon 2.6).
    if (!session || !handle || flag.safeParse(query.force_login ?? false).data === true) {
      return c.redirect(`/auth/sign_in?return_to=${encodeURIComponent(returnTo)}`, 302);
    }
    here.searchParams.set("force_login", "true");
    return consentPage(c, { csrfToken: session.csrfToken, request: check.request, handle, switchAccountHref: `${here.pathname}${here.search}` });
  });

  routes.post("/oauth/authorize", async (c) => {
    const form = await readParams(c);
    const session = await sessionOfForm(c, form.csrf_token);
    if (!session?.accountId) return errorPage(c, 403, FAILED, "This form expired or did not come from this site. Go back to the app and sign in again.");
    const check = await checkAuthorizationRequest(c.var.deps.db, requestParams(form));
    if (check.kind !== "valid") return refuse(c, check);
    const { request } = check;
    const account = await accountMaySignIn(c.var.deps.db, session.accountId);
    if (!account.ok) return errorPage(c, 403, FAILED, account.message);
    const oob = request.redirectUri === OOB_REDIRECT_URI;
    if (form.decision !== "authorize") {
      if (oob) return errorPage(c, 403, "Access denied", `You did not authorize ${request.application.name}.`);
      return c.redirect(redirectWith(request.redirectUri, { error: "access_denied", error_description: "The resource owner denied the request.", state: request.state }), 303);
    }
    const code = await issueAuthorizationCode(c.var.deps.services.deps, request, account.value);
    if (oob) return codePage(c, request.application.name, code);
    return c.redirect(redirectWith(request.redirectUri, { code, state: request.state }), 303);
  });

  return routes;
}
