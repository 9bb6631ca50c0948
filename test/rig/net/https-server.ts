// HTTPS for rig instances. Fedify only ever looks handles up over https, so a
// rig instance is either served over TLS directly (startHttpsServer, through
// @hono/node-server as in production) or as plain http behind a TLS-terminating
// reverse proxy (startTlsProxy), the way most deployments run.
import type { AddressInfo } from "node:net";
import http from "node:http";
import https from "node:https";
import type { Duplex } from "node:stream";
import { serve } from "@hono/node-server";

/** A listening server; `close()` also drops keep-alive connections. */
export type RunningServer = { port: number; close(): Promise<void> };

export type HttpsServerOptions = {
  fetch: (request: Request) => Response | Promise<Response>;
  key: string;
  cert: string;
  port?: number; // 0 or absent: a random free port
  host?: string; // default 127.0.0.1
  /** The server's 'upgrade' listener (the streaming WebSocket). */
  upgrade?: (request: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
};

/** Serves `fetch` over HTTPS on loopback and resolves once it listens. */
export async function startHttpsServer(options: HttpsServerOptions): Promise<RunningServer> {
  const server = serve({
    fetch: options.fetch,
    port: options.port ?? 0,
    hostname: options.host ?? "127.0.0.1",
    createServer: https.createServer,
    serverOptions: { key: options.key, cert: options.cert },
  }) as https.Server;
  if (options.upgrade) server.on("upgrade", options.upgrade);
  return await listening(server);
}

/** Serves `fetch` over plain http on loopback: the upstream behind startTlsProxy. */
export async function startHttpServer(options: Omit<HttpsServerOptions, "key" | "cert">): Promise<RunningServer> {
  const server = serve({
    fetch: options.fetch,
    port: options.port ?? 0,
    hostname: options.host ?? "127.0.0.1",
  }) as http.Server;
  if (options.upgrade) server.on("upgrade", options.upgrade);
  return await listening(server);
}

export type TlsProxyOptions = { upstreamPort: number; key: string; cert: string; port?: number };

/** A TLS-terminating reverse proxy to a plain-http server on 127.0.0.1. It
 * keeps Host and adds X-Forwarded-Proto: https and X-Forwarded-For. */
export async function startTlsProxy(options: TlsProxyOptions): Promise<RunningServer> {
  const agent = new http.Agent({ keepAlive: true });
  const server = https.createServer({ key: options.key, cert: options.cert }, (request, response) => {
    const forwardedFor = [request.headers["x-forwarded-for"], request.socket.remoteAddress]
      .filter((value) => value !== undefined).join(", ");
    const upstream = http.request({
      host: "127.0.0.1",
      port: options.upstreamPort,
      method: request.method,
      path: request.url,
      agent,
      headers: { ...withoutHopByHop(request.headers), "x-forwarded-proto": "https", "x-forwarded-for": forwardedFor },
    }, (upstreamResponse) => {
      response.writeHead(upstreamResponse.statusCode ?? 502, withoutHopByHop(upstreamResponse.headers));
      upstreamResponse.pipe(response);
    });
    upstream.on("error", () => {
      if (response.headersSent) response.destroy();
      else response.writeHead(502).end();
    });
    request.pipe(upstream);
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  const running = await listening(server);
  return {
    port: running.port,
    close: async () => {
      await running.close();
      agent.destroy();
    },
  };
}

// RFC 9110 section 7.6.1: connection-specific fields are not forwarded.
const hopByHop = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));
}

function listening(server: http.Server | https.Server): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const onListening = () => {
      server.off("error", reject);
      resolve({ port: (server.address() as AddressInfo).port, close: () => closeServer(server) });
    };
    if (server.listening) onListening();
    else server.once("listening", onListening).once("error", reject);
  });
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
