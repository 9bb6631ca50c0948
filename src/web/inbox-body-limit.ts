// Inbox bodies over 1 MiB are refused with 413 before anything parses them.
import { bodyLimit } from "hono/body-limit";
import type { MiddlewareHandler } from "hono";

export const MAX_INBOX_BODY_BYTES = 1024 * 1024;

/** Caps POST bodies to inboxes, counting streamed bytes as well as Content-Length. */
export function inboxBodyLimit(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: MAX_INBOX_BODY_BYTES,
    onError: (c) => c.json({ error: "Payload too large" }, 413),
  });
  return async (c, next) => {
    const path = c.req.path;
    if (c.req.method === "POST" && (path === "/inbox" || /^\/users\/[^/]+\/inbox$/.test(path))) return limit(c, next);
    await next();
  };
}
