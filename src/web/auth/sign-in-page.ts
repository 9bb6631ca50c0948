// The sign-in form: email and password, posted with the session's CSRF token.
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiEnv } from "../../api/mastodon/env.ts";
import { alertBox, csrfField, renderPage } from "./layout.ts";

export interface SignInView {
  csrfToken: string;
  /** Where to go once signed in (an authorization request, usually). */
  returnTo: string;
  email?: string;
  error?: string | null;
  /** The handle of the account this browser is signed in as already, if any. */
  signedInAs?: string | null;
}

/** Renders the sign-in page; links to sign-up while anyone may sign up (open or by approval). */
export function signInPage(c: Context<ApiEnv>, view: SignInView, status: ContentfulStatusCode = 200) {
  const error = view.error ?? null;
  const describedBy = error ? raw(` aria-describedby="form-error" aria-invalid="true"`) : "";
  const signUp = c.var.deps.config.registrations === "closed" || c.var.deps.config.registrations === "invite"
    ? ""
    : html`<p>No account yet? <a href="/auth/sign_up?return_to=${encodeURIComponent(view.returnTo)}">Sign up</a></p>`;
  const current = view.signedInAs
    ? html`<form method="post" action="/auth/sign_out" class="notice">
${csrfField(view.csrfToken)}
<p>You are signed in as <strong>@${view.signedInAs}</strong>. Sign in below to switch accounts, or
<button type="submit" class="secondary">Sign out</button></p>
</form>`
    : "";
  return renderPage(c, "Sign in", html`${alertBox(error)}
${current}
<form method="post" action="/auth/sign_in" novalidate>
${csrfField(view.csrfToken)}
<input type="hidden" name="return_to" value="${view.returnTo}">
<label for="email">Email address</label>
<input type="email" id="email" name="email" autocomplete="username" required value="${view.email ?? ""}"${describedBy}>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${describedBy}>
<div class="actions"><button type="submit" class="primary">Sign in</button></div>
</form>
${signUp}`, { status });
}
