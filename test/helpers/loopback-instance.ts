// One instance served over plain http on 127.0.0.1 whose public URL is that
// very address, so every URL it hands out (NodeInfo links, media, the
// streaming origin) can be followed by clients that use Node's own http
// stack (axios, ws) rather than fetch, and so cannot go through the rig's
// HTTPS network. The server listens first; the instance is built for its port.
import type { ParleyApp } from "../../src/app.ts";
import { startHttpServer } from "../rig/net/https-server.ts";
import { startTestApp } from "./app.ts";

export interface LoopbackInstance {
  app: ParleyApp;
  /** http://127.0.0.1:<port>, the instance's public URL. */
  base: string;
  close(): Promise<void>;
}

/** Starts an instance at http://127.0.0.1:<a free port>, WebSocket streaming included. */
export async function startLoopbackInstance(): Promise<LoopbackInstance> {
  let app: Awaited<ReturnType<typeof startTestApp>> | null = null;
  const server = await startHttpServer({
    fetch: (request) => (app ? app.fetch(request) : new Response("starting", { status: 503 })),
    upgrade: (request, socket, head) => (app ? app.upgrade(request, socket, head) : socket.destroy()),
  });
  const base = `http://127.0.0.1:${server.port}`;
  try {
    app = await startTestApp(base);
  } catch (error) {
    await server.close();
    throw error;
  }
  const started = app;
  return {
    app: started,
    base,
    async close() {
      await server.close();
      await started.dispose();
    },
  };
}
