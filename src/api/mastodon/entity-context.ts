// Serializer context from a request's dependencies.
import type { Context } from "hono";
import type { EntityContext } from "../../entities/context.ts";
import type { ApiEnv } from "./env.ts";

/** The EntityContext of the instance answering this request. */
export function entityContext(c: Context<ApiEnv>): EntityContext {
  return { uris: c.var.deps.contextData.uris };
}
