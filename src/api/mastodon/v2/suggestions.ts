// /api/v2/suggestions: follow suggestions as Suggestion entities.
import { Hono } from "hono";
import { serializeSuggestion } from "../../../entities/suggestion.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { requireUser } from "../middleware/auth.ts";
import { suggestedAccounts } from "../v1/suggestions.ts";

/** Suggestion routes (v2). */
export function suggestionsV2Routes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/", requireUser("read:accounts"), async (c) => {
    const ctx = entityContext(c);
    return c.json((await suggestedAccounts(c)).map((account) => serializeSuggestion(ctx, account)));
  });
  return routes;
}
