// Mounts Fedify in Hono: ActivityPub, WebFinger and NodeInfo requests are
// answered by the federation; everything else falls through to Hono routes.
// (The registry has no @fedify/hono for 2.3.6; this is its few lines.)
// Actor, WebFinger and NodeInfo answers come from the document cache when it
// has them (src/web/document-cache.ts).
import type { Federation } from "@fedify/fedify";
import type { MiddlewareHandler } from "hono";
import type { ParleyContextData } from "../../federation/context.ts";
import type { DocumentCache } from "./document-cache.ts";

// Never federation routes (federation/paths.ts): the client API and OAuth skip Fedify's routing and tracing.
const NOT_FEDERATION = /^\/(api|oauth)\//;

/** Hono middleware that lets the federation answer first. */
export function federationMiddleware(federation: Federation<ParleyContextData>, contextData: ParleyContextData, documents: DocumentCache): MiddlewareHandler {
  return async (c, next) => {
    if (NOT_FEDERATION.test(c.req.path)) return next();
    let fallThrough: "not-found" | "not-acceptable" | null = null;
    const produce = () =>
      federation.fetch(c.req.raw, {
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
    const response = await documents.answer(c.req.raw, produce);
    if (fallThrough === null) return response;
    await next();
    // An ActivityPub resource asked for in another format: a web page if there is one, else 406.
    if (fallThrough === "not-acceptable" && c.res.status === 404) return response;
  };
}
