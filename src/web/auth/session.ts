// The session cookie of the sign-in and consent pages: HttpOnly, SameSite=Lax,
// and Secure with the __Host- prefix when the instance is served over https.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { findAccountById } from "../../../db/queries/accounts.ts";
import type { ApiEnv } from "../../api/mastodon/env.ts";
import { sameString } from "../../services/oauth/secrets.ts";
import { endWebSession, loadWebSession, startWebSession, type WebSession } from "../../services/oauth/web-sessions.ts";

const COOKIE = "parley_session";

function cookiePrefix(c: Context<ApiEnv>): "host" | undefined {
  return c.var.deps.config.publicUrl.protocol === "https:" ? "host" : undefined;
}

/** The browser's live session, or null. */
export async function currentSession(c: Context<ApiEnv>): Promise<WebSession | null> {
  const prefix = cookiePrefix(c);
  const id = getCookie(c, COOKIE, prefix);
  return id ? loadWebSession(c.var.deps.db, id) : null;
}

function setSessionCookie(c: Context<ApiEnv>, session: WebSession): void {
  const prefix = cookiePrefix(c);
  setCookie(c, COOKIE, session.id, {
    httpOnly: true,
    sameSite: "Lax",
    secure: prefix === "host",
    path: "/",
    maxAge: Math.floor((session.expiresAt - Date.now()) / 1000),
    ...(prefix ? { prefix } : {}),
  });
}

/** The session a form is rendered for: the current one, or a new anonymous one (its CSRF token goes in the form). */
export async function sessionForForm(c: Context<ApiEnv>): Promise<WebSession> {
  const existing = await currentSession(c);
  if (existing) return existing;
  const session = await startWebSession(c.var.deps.services.deps, null);
  setSessionCookie(c, session);
  return session;
}

/** Signs the browser in as accountId with a fresh session id (no fixation), ending the old session. */
export async function signInBrowser(c: Context<ApiEnv>, accountId: string, previous: WebSession | null): Promise<WebSession> {
  const session = await startWebSession(c.var.deps.services.deps, accountId, previous?.id ?? null);
  setSessionCookie(c, session);
  return session;
}

/** Signs the browser out. */
export async function signOutBrowser(c: Context<ApiEnv>, session: WebSession | null): Promise<void> {
  if (session) await endWebSession(c.var.deps.services.deps, session.id);
  const prefix = cookiePrefix(c);
  deleteCookie(c, COOKIE, { path: "/", secure: prefix === "host", ...(prefix ? { prefix } : {}) });
}

/**
 * Whether the browser says the form came from another site (Fetch Metadata's
 * Sec-Fetch-Site, or an Origin that is not ours): refused even with a valid
 * token, as a second line behind the CSRF token and the SameSite cookie.
 */
function postedFromElsewhere(c: Context<ApiEnv>): boolean {
  const site = c.req.header("Sec-Fetch-Site");
  if (site !== undefined && site !== "same-origin" && site !== "none") return true;
  const origin = c.req.header("Origin");
  return origin !== undefined && origin !== c.var.deps.config.publicUrl.origin;
}

/** The session of a form post when its CSRF token is the session's own and it came from this site; null otherwise. */
export async function sessionOfForm(c: Context<ApiEnv>, submitted: unknown): Promise<WebSession | null> {
  if (postedFromElsewhere(c)) return null;
  const session = await currentSession(c);
  if (!session || typeof submitted !== "string" || !sameString(submitted, session.csrfToken)) return null;
  return session;
}

/** The handle (user@host) of the account a session is signed in as, if it still exists. */
export async function sessionHandle(c: Context<ApiEnv>, session: WebSession | null): Promise<string | null> {
  if (!session?.accountId) return null;
  const account = await findAccountById(c.var.deps.db, session.accountId);
  return account && account.deleted_at === null ? `${account.username}@${c.var.deps.config.publicUrl.host}` : null;
}
