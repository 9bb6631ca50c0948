// Inbox bodies over 1 MiB are refused with 413 before anything parses them.
import { bodyLimit } from "hono/body-limit";
import type { Context, MiddlewareHandler } from "hono";

export const MAX_INBOX_BODY_BYTES = 1024 * 1024;

/** Whether a request posts to the shared inbox or an account's inbox. */
export function isInboxPost(c: Context): boolean {
  const path = c.req.path;
  return c.req.method === "POST" && (path === "/inbox" || /^\/users\/[^/]+\/inbox$/.test(path));
}

/** Caps POST bodies to inboxes, counting streamed bytes as well as Content-Length. */
export function inboxBodyLimit(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: MAX_INBOX_BODY_BYTES,
    onError: (c) => c.json({ error: "Payload too large" }, 413),
  });
  return async (c, next) => (isInboxPost(c) ? limit(c, next) : next());
}
