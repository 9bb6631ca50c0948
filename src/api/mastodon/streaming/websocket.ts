// The multiplexed WebSocket at /api/v1/streaming (Mastodon docs:
// methods/streaming#websocket). The token comes as an Authorization header,
// an access_token query parameter or the Sec-WebSocket-Protocol header (ws
// answers with the first offered protocol, as browsers require); a bad one
// is refused with 401 before the upgrade. Clients then send
// {"type":"subscribe"|"unsubscribe","stream":...,"tag":...,"list":...}.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { getLogger } from "@logtape/logtape";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import type { Db } from "../../../../db/index.ts";
import type { StreamingHub, StreamSession } from "../../../services/streaming/hub.ts";
import { parseStream } from "../../../services/streaming/streams.ts";
import { STREAM_FAILURE_STATUS, type StreamCaller, streamCallerOf, subscribeAs } from "./caller.ts";

const logger = getLogger(["parley", "streaming"]);
const PATH = "/api/v1/streaming";
const PING_MS = 30_000;

export interface StreamingSockets {
  /** The HTTP server's 'upgrade' listener. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every socket. */
  close(): Promise<void>;
}

// Mastodon's order: Authorization, then access_token, then the protocol header.
function bearerOf(request: IncomingMessage, url: URL): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  if (match) return match[1]!;
  const protocol = request.headers["sec-websocket-protocol"]?.split(",")[0]?.trim();
  return url.searchParams.get("access_token") || protocol || null;
}

function refuse(socket: Duplex, status: 401 | 404, error: string): void {
  const body = JSON.stringify({ error });
  const reason = status === 401 ? "Unauthorized" : "Not Found";
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** Serves the WebSocket of one instance; attach `upgrade` to its HTTP server. */
export function streamingSockets(deps: { db: Db; streaming: StreamingHub }): StreamingSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  // Sockets that answered the last ping; the others are dropped (half-open connections).
  const alive = new WeakSet<WebSocket>();
  const pings = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) ws.terminate();
      else {
        alive.delete(ws);
        ws.ping();
      }
    }
  }, PING_MS);

  return {
    upgrade(request, socket, head) {
      socket.on("error", () => socket.destroy());
      const url = new URL(request.url ?? "/", "http://streaming.invalid");
      if (url.pathname.replace(/\/$/, "") !== PATH) return refuse(socket, 404, "Not found");
      accept(deps, request, socket, url, (session, ready) =>
        wss.handleUpgrade(request, socket, head, (ws) => {
          alive.add(ws);
          ws.on("pong", () => alive.add(ws));
          ready(ws);
          serveSocket(ws, session);
        })
      ).catch((error) => {
        logger.error("Could not open a streaming connection: {error}", { error });
        socket.destroy();
      });
    },
    async close() {
      clearInterval(pings);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

interface SocketSession {
  caller: StreamCaller;
  session: StreamSession;
}

// Authenticates, opens the session and subscribes the `stream` of the query
// before the handshake ends: once the client sees the socket open, events
// committed after that reach it. Events before the socket exists are held.
async function accept(
  deps: { db: Db; streaming: StreamingHub },
  request: IncomingMessage,
  socket: Duplex,
  url: URL,
  upgrade: (session: SocketSession, ready: (ws: WebSocket) => void) => void,
): Promise<void> {
  // A client that leaves (or a handshake that fails) must not leave a session open.
  let ws: WebSocket | null = null;
  let session: StreamSession | null = null;
  let gone = false;
  socket.once("close", () => {
    gone = true;
    if (!ws) session?.close();
  });
  const caller = await streamCallerOf(deps.db, bearerOf(request, url));
  if (!caller) return refuse(socket, 401, "The access token is invalid");
  const held: string[] = [];
  session = await deps.streaming.open(caller.viewer, {
    send(message) {
      const text = JSON.stringify(message);
      if (!ws) held.push(text);
      else if (ws.readyState === ws.OPEN) ws.send(text);
    },
    revoked: () => (ws ? ws.close() : socket.destroy()),
  });
  if (gone) return session.close();
  const initial = url.searchParams.get("stream");
  const refused = initial
    ? await subscribeTo(caller, session, initial, { tag: url.searchParams.get("tag") ?? undefined, list: url.searchParams.get("list") ?? undefined })
    : null;
  upgrade({ caller, session }, (opened) => {
    ws = opened;
    for (const text of held.splice(0)) ws.send(text);
    if (refused) ws.send(refused);
  });
}

// Subscribes or unsubscribes; returns the error message to send, if any.
async function subscribeTo(caller: StreamCaller, session: StreamSession, name: unknown, params: { tag?: unknown; list?: unknown }, unsubscribe = false): Promise<string | null> {
  const stream = parseStream(Array.isArray(name) ? name[0] : name, params);
  if (!stream.ok) return JSON.stringify({ error: stream.message, status: STREAM_FAILURE_STATUS[stream.kind] });
  if (unsubscribe) {
    session.unsubscribe(stream.value);
    return null;
  }
  const subscribed = await subscribeAs(caller, session, stream.value);
  return subscribed.ok ? null : JSON.stringify({ error: subscribed.message, status: STREAM_FAILURE_STATUS[subscribed.kind] });
}

// Handles the client's messages one after another, so an answer to a later
// message means the earlier ones took effect.
function serveSocket(ws: WebSocket, { caller, session }: SocketSession): void {
  let previous: Promise<void> = Promise.resolve();
  ws.on("message", (data: RawData) => {
    previous = previous.then(async () => {
      let message: { type?: unknown; stream?: unknown; tag?: unknown; list?: unknown } | null;
      try {
        message = JSON.parse(data.toString());
      } catch {
        message = null;
      }
      if (message?.type !== "subscribe" && message?.type !== "unsubscribe") {
        ws.send(JSON.stringify({ error: "Unknown message type", status: 400 }));
        return;
      }
      const refused = await subscribeTo(caller, session, message.stream, message, message.type === "unsubscribe");
      if (refused) ws.send(refused);
    }).catch((error) => logger.error("Streaming message failed: {error}", { error }));
  });
  ws.on("close", () => session.close());
  ws.on("error", () => ws.terminate());
}
