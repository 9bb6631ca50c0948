// Inbox bodies over 1 MiB are refused with 413, and JSON nested deeper than
// MAX_INBOX_JSON_DEPTH with 400, before anything parses them (ADR 19).
import { bodyLimit } from "hono/body-limit";
import type { Context, MiddlewareHandler } from "hono";

export const MAX_INBOX_BODY_BYTES = 1024 * 1024;
// Ruby's JSON parser's default max_nesting; real activities nest under ten.
// Deeper bodies overflow the stack of the JSON-LD processing (a 500 before).
export const MAX_INBOX_JSON_DEPTH = 100;

/** Whether a request posts to the shared inbox or an account's inbox. */
export function isInboxPost(c: Context): boolean {
  const path = c.req.path;
  return c.req.method === "POST" && (path === "/inbox" || /^\/users\/[^/]+\/inbox$/.test(path));
}

/** Caps POST bodies to inboxes, counting streamed bytes as well as Content-Length, and their JSON nesting. */
export function inboxBodyLimit(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: MAX_INBOX_BODY_BYTES,
    // The rest of the body is never read: the connection cannot carry another request.
    onError: (c) => c.json({ error: "Payload too large" }, 413, { Connection: "close" }),
  });
  return async (c, next) => {
    if (!isInboxPost(c)) return next();
    let tooDeep = false;
    const refused = await limit(c, async () => {
      // A copy of at most 1 MiB, read through the limit above.
      tooDeep = jsonDepthExceeds(await c.req.raw.clone().text(), MAX_INBOX_JSON_DEPTH);
      if (!tooDeep) await next();
    });
    if (refused) return refused;
    if (tooDeep) return c.json({ error: "JSON nested too deeply" }, 400);
  };
}

/** Whether arrays and objects in a JSON text nest deeper than max (one pass, strings skipped). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) {
      inString = true;
    } else if (ch === 91 || ch === 123) {
      if (++depth > max) return true;
    } else if (ch === 93 || ch === 125) {
      depth--;
    }
  }
  return false;
}
