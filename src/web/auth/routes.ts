// The browser side of signing in: /auth/sign_in, /auth/sign_up and
// /auth/sign_out. Every form carries the session's CSRF token; after signing
// in, the browser goes back to the authorization request it came from.
import { Hono } from "hono";
import { readParams } from "../../api/mastodon/body.ts";
import type { ApiEnv } from "../../api/mastodon/env.ts";
import { flag } from "../../api/mastodon/params.ts";
import { registerAccount } from "../../services/accounts/register-account.ts";
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
    if (c.var.deps.config.registrations === "closed") return noticePage(c, "Registrations are closed", "This server does not accept new accounts at the moment.", 403);
    const session = await sessionForForm(c);
    return signUpPage(c, { csrfToken: session.csrfToken, returnTo: safeReturnTo(c.req.query("return_to")) });
  });

  routes.post("/sign_up", async (c) => {
    const mode = c.var.deps.config.registrations;
    if (mode === "closed") return noticePage(c, "Registrations are closed", "This server does not accept new accounts at the moment.", 403);
    const form = await readParams(c);
    const returnTo = safeReturnTo(form.return_to);
    const values = { username: text(form.username), email: text(form.email), reason: text(form.reason) };
    const session = await sessionOfForm(c, form.csrf_token);
    if (!session) {
      const fresh = await sessionForForm(c);
      return signUpPage(c, { csrfToken: fresh.csrfToken, returnTo, values, error: EXPIRED_FORM }, 403);
    }
    const password = text(form.password);
    if (password !== text(form.password_confirmation)) {
      const errors = { password_confirmation: [{ error: "ERR_CONFIRMATION", description: "doesn't match Password" }] };
      return signUpPage(c, { csrfToken: session.csrfToken, returnTo, values, errors }, 422);
    }
    const registered = await registerAccount(c.var.deps.services.deps, {
      ...values,
      password,
      agreement: flag.safeParse(form.agreement ?? false).data === true,
      locale: null,
      reason: values.reason || null,
      applicationId: null,
      mode,
    });
    if (!registered.ok) {
      if (!registered.details) return errorPage(c, 403, "Sign-up refused", registered.message);
      return signUpPage(c, { csrfToken: session.csrfToken, returnTo, values, errors: registered.details }, 422);
    }
    if (!registered.value.approved) {
      return noticePage(c, "Almost there", "Your account was created and is waiting for a moderator's approval. You can sign in once it is approved.");
    }
    await signInBrowser(c, registered.value.accountId, session);
    return c.redirect(returnTo, 303);
  });

  return routes;
}
