// The sign-up form, shown while registrations are open or by approval.
// Each field carries its own error, tied to it with aria-describedby.
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiEnv } from "../../api/mastodon/env.ts";
import type { FieldErrors } from "../../services/accounts/register-account.ts";
import { alertBox, csrfField, type Markup, renderPage } from "./layout.ts";

export interface SignUpView {
  csrfToken: string;
  returnTo: string;
  values?: { username?: string; email?: string; reason?: string; invite_code?: string };
  errors?: FieldErrors;
  /** The instance's rules, shown above the agreement. */
  rules: readonly { text: string; hint: string }[];
  /** A problem with the whole form (an expired CSRF token). */
  error?: string | null;
}

interface FieldSpec {
  name: string;
  label: string;
  type: "text" | "email" | "password";
  autocomplete: string;
  hint?: string;
  value?: string;
}

function field(spec: FieldSpec, errors: FieldErrors): Markup {
  const problems = errors[spec.name] ?? [];
  const ids = [spec.hint ? `${spec.name}-hint` : "", problems.length ? `${spec.name}-error` : ""].filter(Boolean).join(" ");
  const describedBy = ids ? html` aria-describedby="${ids}"` : "";
  const invalid = problems.length ? raw(` aria-invalid="true"`) : "";
  const hint = spec.hint ? html`<p class="hint" id="${spec.name}-hint">${spec.hint}</p>` : "";
  const error = problems.length ? html`<p class="field-error" id="${spec.name}-error">${spec.label} ${problems.map((p) => p.description).join(", ")}</p>` : "";
  return html`<label for="${spec.name}">${spec.label}</label>
<input type="${spec.type}" id="${spec.name}" name="${spec.name}" autocomplete="${spec.autocomplete}" required value="${spec.value ?? ""}"${describedBy}${invalid}>
${hint}${error}`;
}

/** Renders the sign-up page (with the reason field in approval mode). */
export function signUpPage(c: Context<ApiEnv>, view: SignUpView, status: ContentfulStatusCode = 200) {
  const errors = view.errors ?? {};
  const values = view.values ?? {};
  const host = c.var.deps.config.publicUrl.host;
  // An invite stands in for approval (registerAccount).
  const approval = c.var.deps.config.registrations === "approval" && !values.invite_code;
  const summary = view.error ?? (Object.keys(errors).length ? "Please correct the fields marked below." : null);
  const reason = approval
    ? html`<label for="reason">Why do you want to join?</label>
<textarea id="reason" name="reason" rows="3" maxlength="420" aria-describedby="reason-hint">${values.reason ?? ""}</textarea>
<p class="hint" id="reason-hint">Moderators read this before approving your account.</p>
${errors.reason ? html`<p class="field-error">Reason ${errors.reason.map((p) => p.description).join(", ")}</p>` : ""}`
    : "";
  const agreementError = errors.agreement ? html`<p class="field-error" id="agreement-error">You must accept the rules to sign up.</p>` : "";
  return renderPage(c, "Create an account", html`${alertBox(summary)}
${approval ? html`<p>New accounts on this server are reviewed by moderators before they can be used.</p>` : ""}
<form method="post" action="/auth/sign_up" novalidate>
${csrfField(view.csrfToken)}
<input type="hidden" name="return_to" value="${view.returnTo}">
${field({ name: "username", label: "Username", type: "text", autocomplete: "username", hint: `Your address will be @username@${host}.`, value: values.username ?? "" }, errors)}
${field({ name: "email", label: "Email address", type: "email", autocomplete: "email", value: values.email ?? "" }, errors)}
${field({ name: "password", label: "Password", type: "password", autocomplete: "new-password", hint: "At least 8 characters." }, errors)}
${field({ name: "password_confirmation", label: "Confirm password", type: "password", autocomplete: "new-password" }, errors)}
${reason}
${values.invite_code ? html`<input type="hidden" name="invite_code" value="${values.invite_code}">` : ""}
${errors.invite_code ? html`<p class="field-error">This invite ${errors.invite_code.map((p) => p.description).join(", ")}.</p>` : ""}
${view.rules.length ? html`<h2 id="rules-heading">Server rules</h2>
<ol aria-labelledby="rules-heading">${view.rules.map((rule) => html`<li>${rule.text}${rule.hint ? html`<br><small>${rule.hint}</small>` : ""}</li>`)}</ol>` : ""}
<div class="check">
<input type="checkbox" id="agreement" name="agreement" value="1" required${errors.agreement ? raw(` aria-invalid="true" aria-describedby="agreement-error"`) : ""}>
<label for="agreement">I agree to the rules and terms of this server.</label>
</div>
${agreementError}
<div class="actions"><button type="submit" class="primary">Sign up</button></div>
</form>
<p>Already have an account? <a href="/auth/sign_in?return_to=${encodeURIComponent(view.returnTo)}">Sign in</a></p>`, { status });
}
