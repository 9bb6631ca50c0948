// Pages that only say something: errors of the OAuth flow, the code of an
// out-of-band authorization, a sign-up waiting for approval.
import type { Context } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiEnv } from "../../api/mastodon/env.ts";
import { renderPage } from "./layout.ts";

/** An error page; `message` says what went wrong and what to do. */
export function errorPage(c: Context<ApiEnv>, status: ContentfulStatusCode, title: string, message: string) {
  return renderPage(c, title, html`<p role="alert">${message}</p>
<p><a href="/">Back to the home page</a></p>`, { status });
}

/** Shows an authorization code for an app that cannot receive a redirect (urn:ietf:wg:oauth:2.0:oob). */
export function codePage(c: Context<ApiEnv>, appName: string, code: string) {
  return renderPage(c, "Authorization code", html`<p>Copy this code and paste it into <strong>${appName}</strong>. It works once, within 10 minutes.</p>
<label for="code">Authorization code</label>
<input type="text" id="code" class="secret" readonly value="${code}" autocomplete="off" spellcheck="false">`);
}

/** A plain informational page. */
export function noticePage(c: Context<ApiEnv>, title: string, message: string, status: ContentfulStatusCode = 200) {
  return renderPage(c, title, html`<p>${message}</p>`, { status });
}
