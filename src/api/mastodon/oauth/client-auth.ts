// Reading client credentials and answering OAuth errors at the token and
// revocation endpoints (RFC 6749 2.3.1 and 5.2).
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ClientCredentials } from "../../../services/oauth/authenticate-client.ts";
import type { OAuthFailure } from "../../../services/oauth/oauth-failure.ts";

/** A string parameter, or null. */
export function textParam(params: Record<string, unknown>, name: string): string | null {
  const value = params[name];
  return typeof value === "string" && value !== "" ? value : null;
}

// RFC 6749 2.3.1: both parts are form-encoded before they are joined with ":".
function formDecode(value: string): string {
  return decodeURIComponent(value.replaceAll("+", " "));
}

/** Client credentials from HTTP Basic, else from the body; null when the Basic header is malformed. */
export function clientCredentials(c: Context, params: Record<string, unknown>): { credentials: ClientCredentials; basic: boolean } | null {
  const header = c.req.header("Authorization");
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match) return { credentials: { clientId: textParam(params, "client_id"), clientSecret: textParam(params, "client_secret") }, basic: false };
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    const clientId = formDecode(decoded.slice(0, colon));
    const bodyId = textParam(params, "client_id");
    // Two different clients in one request: neither is trusted.
    if (bodyId !== null && bodyId !== clientId) return null;
    return { credentials: { clientId, clientSecret: formDecode(decoded.slice(colon + 1)) }, basic: true };
  } catch {
    return null;
  }
}

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** An OAuth error body with its status: 401 for a failed client authentication, 403 for "not yours", else 400. */
export function oauthError(c: Context, failure: Pick<OAuthFailure, "error" | "description">, basic = false): Response {
  const status: ContentfulStatusCode = failure.error === "invalid_client" ? 401 : failure.error === "unauthorized_client" ? 403 : 400;
  const headers: Record<string, string> = { ...NO_STORE };
  if (status === 401 && basic) headers["WWW-Authenticate"] = `Basic realm="Parley", charset="UTF-8"`;
  return c.json({ error: failure.error, error_description: failure.description }, status, headers);
}

/** A JSON success that must not be cached (tokens). */
export function noStoreJson(c: Context, body: unknown): Response {
  return c.json(body, 200, NO_STORE);
}
