// The plain pages a browser sees before the web interface exists: the front
// page and a health check for probes and the startup benchmark.
import { Hono } from "hono";

/** Routes for / and /health. */
export function homeRoutes(instanceHost: string): Hono {
  const app = new Hono();
  app.get("/health", (c) => c.text("OK"));
  app.get("/", (c) =>
    c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parley on ${escapeHtml(instanceHost)}</title>` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
        `<body><main><h1>Parley</h1><p>A federated social network server at ${escapeHtml(instanceHost)}.</p>` +
        `<p>Use any Mastodon-compatible app to sign in.</p></main></body></html>`,
    ));
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
