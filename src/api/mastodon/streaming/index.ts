// /api/v1/streaming: the health check and the server-sent-event streams. The
// WebSocket at /api/v1/streaming is served on the HTTP server's upgrade event
// (websocket.ts); a plain GET there is a 404, which tells clients the
// streaming API lives on this host (Mastodon docs: methods/streaming).
import { type Context, Hono } from "hono";
import { parseStream, type StreamName } from "../../../services/streaming/streams.ts";
import type { ApiEnv } from "../env.ts";
import { apiError } from "../errors.ts";
import { bearerOf } from "../middleware/auth.ts";
import { callerFrom, STREAM_FAILURE_STATUS, streamCallerOf } from "./caller.ts";
import { openEventStream } from "./sse.ts";

// Paths and their streams; `only_media` turns a public stream into its media variant.
const STREAMS: Record<string, StreamName> = {
  "/user": "user",
  "/user/notification": "user:notification",
  "/public": "public",
  "/public/local": "public:local",
  "/public/remote": "public:remote",
  "/hashtag": "hashtag",
  "/hashtag/local": "hashtag:local",
  "/list": "list",
  "/direct": "direct",
};

const truthy = (value: string | undefined) => value !== undefined && !["false", "0", "off", "f", ""].includes(value.toLowerCase());

async function serveStream(c: Context<ApiEnv>, name: StreamName): Promise<Response> {
  const { db, streaming } = c.var.deps;
  const auth = c.var.auth;
  // The Authorization header was checked by authenticate(); access_token is Mastodon's fallback here.
  const caller = auth ? (auth.accountId ? callerFrom({ ...auth, accountId: auth.accountId }) : null) : await streamCallerOf(db, bearerOf(c, true));
  if (!caller) return apiError(c, 401, "The access token is invalid");
  const media = name.startsWith("public") && truthy(c.req.query("only_media"));
  const stream = parseStream(media ? `${name}:media` : name, { tag: c.req.query("tag"), list: c.req.query("list") });
  if (!stream.ok) return apiError(c, STREAM_FAILURE_STATUS[stream.kind], stream.message);
  const opened = await openEventStream(streaming, caller, stream.value);
  return opened instanceof Response ? opened : apiError(c, STREAM_FAILURE_STATUS[opened.kind], opened.message);
}

/** Streaming routes over HTTP. */
export function streamingRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get("/health", (c) => c.text("OK"));
  for (const [path, name] of Object.entries(STREAMS)) routes.get(path, (c) => serveStream(c, name));
  return routes;
}
