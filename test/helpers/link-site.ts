// A small web site on loopback for preview card tests: an article with
// OpenGraph tags, a redirect to it, a video page, a page without a title, an
// image; it records the requests it gets. Private addresses must be allowed
// (test config) for Parley to fetch from it.
import { type RunningServer, startHttpServer } from "../rig/net/https-server.ts";

export interface LinkSite {
  origin: string;
  /** Path and the request headers of every request, in order. */
  requests: { path: string; accept: string | null; userAgent: string | null }[];
  close(): Promise<void>;
}

const article = (title: string) => `<!doctype html><html lang="en"><head>
  <title>Document title</title>
  <meta property="og:title" content="${title}">
  <meta property="og:description" content="What the article is about">
  <meta property="og:site_name" content="Example News">
  <meta property="og:image" content="/images/card.png">
  <meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
  <meta name="author" content="Ada Lovelace">
  <meta property="article:published_time" content="2026-11-20T10:00:00Z">
</head><body><p>Body</p></body></html>`;

/** Starts the site; pages: /article/<name>, /redirect/<name>, /to-metadata (a redirect there), /video, /untitled, /image.png. */
export async function startLinkSite(): Promise<LinkSite> {
  const requests: LinkSite["requests"] = [];
  const html = (body: string) => new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8" } });
  const server: RunningServer = await startHttpServer({
    fetch(request) {
      const path = new URL(request.url).pathname;
      requests.push({ path, accept: request.headers.get("Accept"), userAgent: request.headers.get("User-Agent") });
      if (path.startsWith("/article/")) return html(article(`Article ${path.slice("/article/".length)}`));
      if (path.startsWith("/redirect/")) return new Response(null, { status: 302, headers: { Location: `/article/${path.slice("/redirect/".length)}` } });
      if (path === "/video") {
        return html('<head><meta property="og:title" content="A video"><meta property="og:video" content="/embed/1"><meta property="og:video:width" content="640"><meta property="og:video:height" content="360"></head>');
      }
      if (path === "/to-metadata") return new Response(null, { status: 302, headers: { Location: "http://169.254.169.254/latest/meta-data/" } });
      if (path === "/untitled") return html("<p>no title here</p>");
      if (path === "/image.png") return new Response(new Uint8Array([137, 80, 78, 71]), { headers: { "Content-Type": "image/png" } });
      return new Response("not found", { status: 404 });
    },
  });
  return { origin: `http://127.0.0.1:${server.port}`, requests, close: () => server.close() };
}
