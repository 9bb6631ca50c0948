// Mounts Fedify in Hono: ActivityPub, WebFinger and NodeInfo requests are
// answered by the federation; everything else falls through to Hono routes.
// (The registry has no @fedify/hono for 2.3.6; this is its few lines.)
import type { Federation } from "@fedify/fedify";
import type { MiddlewareHandler } from "hono";
import type { ParleyContextData } from "../../federation/context.ts";

/** Hono middleware that lets the federation answer first. */
export function federationMiddleware(federation: Federation<ParleyContextData>, contextData: ParleyContextData): MiddlewareHandler {
  return async (c, next) => {
    let fallThrough: "not-found" | "not-acceptable" | null = null;
    const response = await federation.fetch(c.req.raw, {
      contextData,
      onNotFound: () => {
        fallThrough = "not-found";
        return new Response("Not Found", { status: 404 });
      },
      onNotAcceptable: () => {
        fallThrough = "not-acceptable";
        return new Response("Not Acceptable", { status: 406, headers: { Vary: "Accept" } });
      },
    });
    if (fallThrough === null) return response;
    await next();
    // An ActivityPub resource asked for in another format: a web page if there is one, else 406.
    if (fallThrough === "not-acceptable" && c.res.status === 404) return response;
  };
}
