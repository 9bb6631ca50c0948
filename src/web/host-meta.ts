// /.well-known/host-meta (XRD) and host-meta.json: where clients and older
// servers find WebFinger, naming the canonical host (RFC 6415; Mastodon serves
// both). The template comes from the configured public URL, never the request.
import { Hono } from "hono";

/** Routes for host-meta in XML and JSON. */
export function hostMetaRoutes(publicUrl: URL): Hono {
  const template = `${publicUrl.origin}/.well-known/webfinger?resource={uri}`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n` +
    `  <Link rel="lrdd" template="${template.replace(/&/g, "&amp;")}"/>\n</XRD>\n`;
  const app = new Hono();
  app.get("/.well-known/host-meta", (c) =>
    c.body(xml, 200, { "Content-Type": "application/xrd+xml; charset=utf-8", "Cache-Control": "max-age=259200, public" }));
  app.get("/.well-known/host-meta.json", (c) => c.json({ links: [{ rel: "lrdd", template }] }, 200, { "Cache-Control": "max-age=259200, public" }));
  return app;
}
