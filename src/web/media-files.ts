// Serves stored media under the public URL (/media/<key>), as Mastodon's
// nginx serves /system/: the type from the stored name, cached for a year
// (names are random and never reused), no sniffing, no scripts.
import { Hono } from "hono";
import { isMediaKey, type MediaStorage, mediaTypeOfKey } from "../services/media/storage.ts";

const HEADERS = {
  "Cache-Control": "public, max-age=31536000, immutable",
  "X-Content-Type-Options": "nosniff",
  // An image opened directly must not run anything, whatever it contains.
  "Content-Security-Policy": "default-src 'none'; form-action 'none'; sandbox",
  "Cross-Origin-Resource-Policy": "cross-origin",
};

/** GET and HEAD /media/<key>; anything that is not a stored key is 404. */
export function mediaFileRoutes(storage: MediaStorage): Hono {
  const app = new Hono();
  app.get("/media/*", async (c) => {
    // Only names Parley makes (hex folders, known styles and extensions) reach storage.
    const key = c.req.path.slice("/media/".length);
    const file = isMediaKey(key) ? await storage.open(key) : null;
    if (!file) return c.text("Not Found", 404);
    const headers = { ...HEADERS, "Content-Type": mediaTypeOfKey(key), "Content-Length": String(file.size) };
    return new Response(c.req.method === "HEAD" ? null : file.stream(), { headers });
  });
  return app;
}
