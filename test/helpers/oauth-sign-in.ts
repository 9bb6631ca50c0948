// Signing in the way a person does in a browser, for client-library tests:
// follow an authorization URL (built by the test or by the client library),
// fill the sign-in form, press Authorize on the consent page, and take the
// code from the redirect (or from the page shown to out-of-band apps).
// Drives the real HTML forms with the cookie-jar browser of oauth-browser.ts.
import { createHash, randomBytes } from "node:crypto";
import { expect } from "vitest";
import { location, openBrowser, readForm, valueOf } from "../api/oauth-browser.ts";

export const PASSWORD = "correct horse battery staple";

/** A PKCE pair (RFC 7636, S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** An authorization request URL of the code flow. */
export function authorizeUrl(base: string | URL, params: { clientId: string; redirectUri: string; scope: string; state?: string; codeChallenge?: string }): URL {
  const url = new URL("/oauth/authorize", base);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: params.scope,
    ...(params.state ? { state: params.state } : {}),
    ...(params.codeChallenge ? { code_challenge: params.codeChallenge, code_challenge_method: "S256" } : {}),
  }).toString();
  return url;
}

/**
 * Opens the authorization URL in a fresh browser, signs in with email and
 * password, authorizes, and answers the code (and state) the app receives.
 */
export async function authorizeInBrowser(url: string | URL, credentials: { email: string; password?: string }): Promise<{ code: string; state: string | null }> {
  const authorize = new URL(url);
  const base = authorize.origin;
  const browser = openBrowser(base);
  const path = `${authorize.pathname}${authorize.search}`;

  // Nobody is signed in yet: the authorization request sends the browser to the sign-in form and back.
  const toSignIn = location(await browser.get(path), base);
  expect(toSignIn.pathname).toBe("/auth/sign_in");
  const signInPage = await browser.get(`${toSignIn.pathname}${toSignIn.search}`);
  expect(signInPage.status).toBe(200);
  const signIn = readForm(await signInPage.text(), "/auth/sign_in");
  const signedIn = await browser.post("/auth/sign_in", { ...signIn, email: credentials.email, password: credentials.password ?? PASSWORD });
  const back = location(signedIn, base);
  expect(`${back.pathname}${back.search}`).toBe(path);

  const consent = await browser.get(path);
  expect(consent.status).toBe(200);
  const decided = await browser.post("/oauth/authorize", { ...readForm(await consent.text(), "/oauth/authorize"), decision: "authorize" });
  if (decided.status === 200) return { code: valueOf(await decided.text(), "code"), state: null };
  const redirect = location(decided, base);
  const code = redirect.searchParams.get("code");
  if (!code) throw new Error(`no code in the redirect to ${redirect.href}`);
  return { code, state: redirect.searchParams.get("state") };
}
