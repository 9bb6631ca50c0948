// The consent page: which app asks for which access to whose account, with
// Authorize and Deny buttons (one form, posted with the CSRF token).
import type { Context } from "hono";
import { html } from "hono/html";
import type { ApiEnv } from "../../api/mastodon/env.ts";
import type { AuthorizationRequest } from "../../services/oauth/authorization-request.ts";
import { OOB_REDIRECT_URI } from "../../services/oauth/register-application.ts";
import { csrfField, renderPage } from "./layout.ts";
import { describeScope } from "./scope-descriptions.ts";

export interface ConsentView {
  csrfToken: string;
  request: AuthorizationRequest;
  /** The signed-in account's handle, e.g. alice@parley.example. */
  handle: string;
  /** This request again with force_login, to sign in as someone else. */
  switchAccountHref: string;
}

/** The CSP source that lets the form's redirect reach the client (Chrome checks form-action on redirects). */
function redirectSource(redirectUri: string): string[] {
  if (redirectUri === OOB_REDIRECT_URI) return [];
  const url = new URL(redirectUri);
  return [url.protocol === "https:" || url.protocol === "http:" ? url.origin : url.protocol];
}

/** The hidden fields that carry the authorization request through the form. */
function requestFields(request: AuthorizationRequest) {
  const fields: [string, string | null][] = [
    ["response_type", "code"],
    ["client_id", request.application.client_id],
    ["redirect_uri", request.redirectUri],
    ["scope", request.scopes.join(" ")],
    ["state", request.state],
    ["code_challenge", request.codeChallenge],
    ["code_challenge_method", request.codeChallengeMethod],
  ];
  return fields.filter(([, value]) => value !== null).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">\n`);
}

/** Renders the consent page. */
export function consentPage(c: Context<ApiEnv>, view: ConsentView) {
  const app = view.request.application;
  const website = app.website ? html`<p>Website: <a href="${app.website}" rel="noopener noreferrer">${app.website}</a></p>` : "";
  const scopes = view.request.scopes.map((scope) => html`<li>${describeScope(scope)} <code>${scope}</code></li>\n`);
  return renderPage(c, `Authorize ${app.name}?`, html`<p><strong>${app.name}</strong> asks to use your account <strong>@${view.handle}</strong>.</p>
${website}
<h2 id="scopes-heading">It will be able to:</h2>
<ul class="scopes" aria-labelledby="scopes-heading">
${scopes}</ul>
<form method="post" action="/oauth/authorize">
${csrfField(view.csrfToken)}
${requestFields(view.request)}<div class="actions">
<button type="submit" name="decision" value="authorize" class="primary">Authorize</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</div>
</form>
<p>Not @${view.handle}? <a href="${view.switchAccountHref}">Sign in with another account</a></p>`, { formTargets: redirectSource(view.request.redirectUri) });
}
