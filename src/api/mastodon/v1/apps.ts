// /api/v1/apps: registering an OAuth client, and checking an app's token.
import { Hono } from "hono";
import { z } from "zod";
import { findApplicationById } from "../../../../db/queries/oauth-applications.ts";
import { serializeApplication, serializeCredentialApplication } from "../../../entities/application.ts";
import { registerApplication } from "../../../services/oauth/register-application.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { apiError, failureResponse } from "../errors.ts";

// Missing fields reach the service, which words the 422 as Mastodon does ("Name can't be blank").
const createSchema = z.object({
  client_name: z.string().default(""),
  redirect_uris: z.union([z.string(), z.array(z.string())]).default([]),
  scopes: z.string().optional(),
  website: z.string().nullable().optional(),
});

/** App routes. */
export function appsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.post("/", async (c) => {
    const parsed = await parseParams(c, createSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const registered = await registerApplication(c.var.deps.services.deps, {
      name: p.client_name,
      redirectUris: p.redirect_uris,
      scopes: p.scopes,
      website: p.website,
    });
    if (!registered.ok) return failureResponse(c, registered);
    return c.json(serializeCredentialApplication(registered.value.application, registered.value.clientSecret));
  });

  // Any live token of the app will do, user or app token, whatever its scopes (Mastodon 4.3).
  routes.get("/verify_credentials", async (c) => {
    const auth = c.var.auth;
    if (!auth) return apiError(c, 401, "The access token is invalid");
    const application = await findApplicationById(c.var.deps.db, auth.applicationId);
    if (!application) return apiError(c, 401, "The access token is invalid");
    return c.json(serializeApplication(application));
  });

  return routes;
}
