// The browser side of signing in: /auth/sign_in, /auth/sign_up and
// /auth/sign_out. Every form carries the session's CSRF token; after signing
// in, the browser goes back to the authorization request it came from.
import { type Context, Hono } from "hono";
import { readParams } from "../../api/mastodon/body.ts";
import type { ApiEnv } from "../../api/mastodon/env.ts";
import { flag } from "../../api/mastodon/params.ts";
import { listRules } from "../../../db/queries/instance-settings.ts";
import { findInviteByCode } from "../../../db/queries/sign-up-controls.ts";
import { clientAddress } from "../../api/mastodon/middleware/rate-limit.ts";
import { registerAccount } from "../../services/accounts/register-account.ts";
import { inviteIsValid } from "../../services/accounts/sign-up-checks.ts";
import { checkCredentials } from "../../services/oauth/check-credentials.ts";
import { errorPage, noticePage } from "./message-page.ts";
import { sessionForForm, sessionHandle, sessionOfForm, signInBrowser, signOutBrowser } from "./session.ts";
import { signInPage } from "./sign-in-page.ts";
import { signUpPage } from "./sign-up-page.ts";

const EXPIRED_FORM = "This form expired or did not come from this site. Please try again.";

/** Where a browser may be sent after signing in: back into the authorization flow, or home. Never another site. */
function safeReturnTo(value: unknown): string {
  return typeof value === "string" && /^\/oauth\/authorize(\?[^\s\\]*)?$/.test(value) ? value : "/";
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

// The page for a sign-up the mode forbids: registrations closed, or invite-only without a usable invite.
async function signUpRefusal(c: Context<ApiEnv>, inviteCode: string): Promise<Response | null> {
  const mode = c.var.deps.config.registrations;
  if (mode === "closed") return noticePage(c, "Registrations are closed", "This server does not accept new accounts at the moment.", 403);
  if (mode !== "invite") return null;
  const invite = inviteCode ? await findInviteByCode(c.var.deps.db, inviteCode) : undefined;
  if (invite && inviteIsValid(invite, Date.now())) return null;
  return noticePage(c, "Invite needed", "This server accepts new accounts by invitation only, and this invite link is missing, used up or expired.", 403);
}

/** Routes of the sign-in and sign-up pages, mounted at /auth. */
export function authPageRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/sign_in", async (c) => {
    const session = await sessionForForm(c);
    return signInPage(c, { csrfToken: session.csrfToken, returnTo: safeReturnTo(c.req.query("return_to")), signedInAs: await sessionHandle(c, session) });
  });

  routes.post("/sign_in", async (c) => {
    const form = await readParams(c);
    const returnTo = safeReturnTo(form.return_to);
    const email = text(form.email);
    const session = await sessionOfForm(c, form.csrf_token);
    if (!session) {
      const fresh = await sessionForForm(c);
      return signInPage(c, { csrfToken: fresh.csrfToken, returnTo, email, error: EXPIRED_FORM }, 403);
    }
    const checked = await checkCredentials(c.var.deps.db, email, text(form.password));
    if (!checked.ok) return signInPage(c, { csrfToken: session.csrfToken, returnTo, email, error: checked.message }, 401);
    await signInBrowser(c, checked.value, session);
    return c.redirect(returnTo, 303);
  });

  routes.post("/sign_out", async (c) => {
    const form = await readParams(c);
    const session = await sessionOfForm(c, form.csrf_token);
    if (!session) return errorPage(c, 403, "Sign out", EXPIRED_FORM);
    await signOutBrowser(c, session);
    return c.redirect("/auth/sign_in", 303);
  });

  routes.get("/sign_up", async (c) => {
    const inviteCode = c.req.query("invite") ?? "";
    const refused = await signUpRefusal(c, inviteCode);
    if (refused) return refused;
    const session = await sessionForForm(c);
    const rules = await listRules(c.var.deps.db);
    return signUpPage(c, { csrfToken: session.csrfToken, returnTo: safeReturnTo(c.req.query("return_to")), values: { invite_code: inviteCode }, rules });
  });

  routes.post("/sign_up", async (c) => {
    const mode = c.var.deps.config.registrations;
    const form = await readParams(c);
    const refused = await signUpRefusal(c, text(form.invite_code));
    if (refused) return refused;
    const returnTo = safeReturnTo(form.return_to);
    const values = { username: text(form.username), email: text(form.email), reason: text(form.reason), invite_code: text(form.invite_code) };
    const rules = await listRules(c.var.deps.db);
    const session = await sessionOfForm(c, form.csrf_token);
    if (!session) {
      const fresh = await sessionForForm(c);
      return signUpPage(c, { csrfToken: fresh.csrfToken, returnTo, values, rules, error: EXPIRED_FORM }, 403);
    }
    const password = text(form.password);
    if (password !== text(form.password_confirmation)) {
      const errors = { password_confirmation: [{ error: "ERR_CONFIRMATION", description: "doesn't match Password" }] };
      return signUpPage(c, { csrfToken: session.csrfToken, returnTo, values, rules, errors }, 422);
    }
    const registered = await registerAccount(c.var.deps.services.deps, {
      username: values.username,
      email: values.email,
      password,
      agreement: flag.safeParse(form.agreement ?? false).data === true,
      locale: null,
      reason: values.reason || null,
      applicationId: null,
      mode,
      ip: clientAddress(c, c.var.deps.config.trustProxy ?? false),
      inviteCode: values.invite_code || null,
    });
    if (!registered.ok) {
      if (!registered.details) return errorPage(c, 403, "Sign-up refused", registered.message);
      return signUpPage(c, { csrfToken: session.csrfToken, returnTo, values, rules, errors: registered.details }, 422);
    }
    if (!registered.value.approved) {
      return noticePage(c, "Almost there", "Your account was created and is waiting for a moderator's approval. You can sign in once it is approved.");
    }
    await signInBrowser(c, registered.value.accountId, session);
    return c.redirect(returnTo, 303);
  });

  return routes;
}
