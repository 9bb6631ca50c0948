// GET /.well-known/oauth-authorization-server: RFC 8414 metadata, as Mastodon
// 4.3+ publishes it, so clients discover the endpoints, scopes and PKCE.
import { Hono } from "hono";
import type { ApiEnv } from "../env.ts";
import { GRANULAR_SCOPES, TOP_LEVEL_SCOPES } from "../scopes.ts";

/** The metadata route. */
export function metadataRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/.well-known/oauth-authorization-server", (c) => {
    const origin = c.var.deps.config.publicUrl.origin;
    return c.json({
      // Mastodon's issuer is its root URL, with the slash.
      issuer: `${origin}/`,
      service_documentation: "https://docs.joinmastodon.org/",
      authorization_endpoint: `${origin}/oauth/authorize`,
      token_endpoint: `${origin}/oauth/token`,
      revocation_endpoint: `${origin}/oauth/revoke`,
      userinfo_endpoint: `${origin}/oauth/userinfo`,
      app_registration_endpoint: `${origin}/api/v1/apps`,
      scopes_supported: [...TOP_LEVEL_SCOPES, ...GRANULAR_SCOPES],
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code", "client_credentials", "password"],
      code_challenge_methods_supported: ["S256", "plain"],
      // "none": a public client proving itself with PKCE alone.
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    });
  });
  return routes;
}
