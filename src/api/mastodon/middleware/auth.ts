// Resolves the bearer token of a request into the caller (c.var.auth), and
// guards routes that need a user token and a scope. Mastodon's answers: 401
// without a valid token, 403 with a valid one that lacks the scope.
import type { Context, MiddlewareHandler } from "hono";
import { findActiveToken } from "../../../../db/queries/oauth-tokens.ts";
import type { ApiEnv, Auth } from "../env.ts";
import { apiError } from "../errors.ts";
import { hasScope } from "../scopes.ts";

/** The bearer token of a request: Authorization header, or access_token where Mastodon allows it. */
export function bearerOf(c: Context, allowQuery = false): string | null {
  const header = c.req.header("Authorization");
  const match = header && /^Bearer\s+(\S+)$/i.exec(header);
  if (match) return match[1]!;
  return allowQuery ? (c.req.query("access_token") ?? null) : null;
}

/** Sets c.var.auth from the token (null when there is none); a bad token is 401. */
export function authenticate(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const bearer = bearerOf(c);
    if (!bearer) {
      c.set("auth", null);
      return next();
    }
    const token = await findActiveToken(c.var.deps.db, bearer);
    if (!token) return apiError(c, 401, "The access token is invalid");
    const auth: Auth = {
      accountId: token.account_id,
      applicationId: token.application_id,
      scopes: token.scopes.split(" "),
      tokenId: token.id,
    };
    c.set("auth", auth);
    return next();
  };
}

/** The 401/403/422 answer for a caller without a token, the scope, or (when needed) a user; null when none applies. */
export function refusal(c: Context<ApiEnv>, scopes: string[], needsUser: boolean): Response | null {
  const auth = c.var.auth;
  if (!auth) return apiError(c, 401, "The access token is invalid");
  if (!scopes.some((scope) => hasScope(auth.scopes, scope))) return apiError(c, 403, "This action is outside the authorized scopes");
  if (needsUser && !auth.accountId) return apiError(c, 422, "This method requires an authenticated user");
  return null;
}

/** Requires a token with the scope (any of them, when several are given); app tokens pass. */
export function requireScope(...scopes: string[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => refusal(c, scopes, false) ?? next();
}

/** Checks the scope only when a token came (Mastodon's authorize_if_got_token!): public reads. */
export function scopeIfToken(...scopes: string[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => (c.var.auth ? refusal(c, scopes, false) : null) ?? next();
}

/** Requires a user token (not an app-only one) with the scope. */
export function requireUser(...scopes: string[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => refusal(c, scopes, true) ?? next();
}

/** The signed-in account id; only call behind requireUser. */
export function viewerId(c: Context<ApiEnv>): string {
  const id = c.var.auth?.accountId;
  if (!id) throw new Error("viewerId() used on a route without requireUser()");
  return id;
}
