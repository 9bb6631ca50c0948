// The frame of every sign-in, sign-up and consent page: plain, accessible
// HTML (no script), one small inline stylesheet allowed by its hash, and the
// headers that keep these pages out of frames, caches and referrers.
import { createHash } from "node:crypto";
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiEnv } from "../../api/mastodon/env.ts";

export type Markup = ReturnType<typeof html>;

const STYLE = `
:root { color-scheme: light dark; --accent: #4f46e5; --danger: #b91c1c; --muted: #6b7280; --border: #d1d5db; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: Canvas; color: CanvasText; }
main { max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
p.instance { color: var(--muted); margin: 0 0 1.5rem; }
label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
input[type=email], input[type=password], input[type=text], textarea {
  display: block; width: 100%; padding: .6rem; font: inherit; border: 1px solid var(--border); border-radius: .4rem; background: Field; color: FieldText; }
input.secret { font-family: ui-monospace, monospace; }
.check { display: flex; gap: .5rem; align-items: flex-start; margin-top: 1rem; }
.check label { display: inline; margin: 0; font-weight: normal; }
.hint, .field-error { font-size: .9rem; margin: .25rem 0 0; }
.hint { color: var(--muted); }
.field-error, .alert { color: var(--danger); }
.alert { border: 1px solid currentColor; border-radius: .4rem; padding: .75rem; margin: 0 0 1rem; }
.actions { display: flex; gap: .75rem; margin-top: 1.5rem; flex-wrap: wrap; }
button { font: inherit; padding: .6rem 1.2rem; border-radius: .4rem; border: 1px solid var(--accent); cursor: pointer; }
button.primary { background: var(--accent); color: #fff; }
button.secondary { background: transparent; color: inherit; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
ul.scopes { padding-left: 1.2rem; }
ul.scopes code { color: var(--muted); font-size: .85rem; }
`;
const STYLE_HASH = createHash("sha256").update(STYLE).digest("base64");

export interface PageOptions {
  status?: ContentfulStatusCode;
  /** Where the page's forms may lead, beyond this server (the consent form redirects to the client). */
  formTargets?: readonly string[];
}

/** Answers with a complete page around `body`. */
export function renderPage(c: Context<ApiEnv>, title: string, body: Markup, options: PageOptions = {}): Response | Promise<Response> {
  const host = c.var.deps.config.publicUrl.host;
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${STYLE_HASH}'`,
    "img-src 'self' https: data:",
    `form-action 'self'${(options.formTargets ?? []).map((t) => ` ${t}`).join("")}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
  const headers = {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
  };
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · Parley</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p class="instance">Parley at ${host}</p>
${body}
</main>
</body>
</html>`;
  return c.html(page, options.status ?? 200, headers);
}

/** The error summary at the top of a form, announced by screen readers. */
export function alertBox(message: string | null): Markup | string {
  return message ? html`<div class="alert" role="alert" id="form-error">${message}</div>` : "";
}

/** The hidden CSRF field of every form. */
export function csrfField(token: string): Markup {
  return html`<input type="hidden" name="csrf_token" value="${token}">`;
}
