// A Fedify context for API handlers that must reach other servers (resolving
// a handle, fetching a remote post). The SSRF policy is the federation's.
import type { Context } from "hono";
import type { ParleyContext } from "../../../federation/context.ts";
import type { ApiEnv } from "./env.ts";

/** The instance's federation context, for lookups made on behalf of a request. */
export function federationContext(c: Context<ApiEnv>): ParleyContext {
  const { federation, contextData, config } = c.var.deps;
  return federation.createContext(config.publicUrl, contextData);
}
