// Streaming clients for tests: an instance served on loopback (WebSockets need
// a real server), a WebSocket client that keeps every message, and an SSE
// reader that parses events as they come. Waiting is polling with a deadline.
import type { ClientRequestArgs } from "node:http";
import WebSocket, { type ClientOptions } from "ws";
import { eventually } from "../rig/rig.ts";
import { type RunningServer, startHttpServer } from "../rig/net/https-server.ts";
import type { ParleyApp } from "../../src/app.ts";

/** A stream event as received: WebSocket messages carry `stream`; SSE events do not. */
export interface ReceivedEvent {
  stream?: string[];
  event?: string;
  payload?: string;
  error?: string;
  status?: number;
}

/** Serves an instance over plain http on 127.0.0.1, with its WebSocket endpoint. */
export async function serveOnLoopback(app: ParleyApp): Promise<RunningServer & { origin: string }> {
  const server = await startHttpServer({ fetch: app.fetch, upgrade: app.upgrade });
  return { ...server, origin: `http://127.0.0.1:${server.port}` };
}

export interface TestSocket {
  ws: WebSocket;
  received: ReceivedEvent[];
  /** Sends a JSON message. */
  send(message: unknown): void;
  /** Waits for a message that matches. */
  waitFor(match: (event: ReceivedEvent) => boolean, what?: string): Promise<ReceivedEvent>;
  /**
   * Waits until every message sent so far was handled: the server answers
   * messages in order, so the answer to a deliberately bad one marks the point.
   */
  settle(): Promise<void>;
  close(): void;
}

/** Opens a WebSocket; resolves once open, or rejects with the HTTP status of a refused upgrade. */
export function openSocket(url: string, protocols?: string | string[], options: ClientOptions | ClientRequestArgs = {}): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    const received: ReceivedEvent[] = [];
    let markers = 0;
    ws.on("message", (data) => received.push(JSON.parse(data.toString()) as ReceivedEvent));
    ws.once("unexpected-response", (_request, response) => reject(Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { status: response.statusCode })));
    ws.once("error", reject);
    ws.once("open", () => {
      const waitFor = (match: (event: ReceivedEvent) => boolean, what = "a stream event") =>
        eventually(async () => received.find(match), { what, timeoutMs: 15_000 });
      resolve({
        ws,
        received,
        send: (message) => ws.send(JSON.stringify(message)),
        waitFor,
        async settle() {
          const before = received.filter((e) => e.error === "Unknown stream type").length;
          ws.send(JSON.stringify({ type: "subscribe", stream: `settle-${++markers}` }));
          await eventually(async () => received.filter((e) => e.error === "Unknown stream type").length > before, { what: "the socket to settle" });
        },
        close: () => ws.close(),
      });
    });
  });
}

export interface TestEventStream {
  response: Response;
  events: ReceivedEvent[];
  /** Everything read so far, comments included. */
  text(): string;
  waitFor(match: (event: ReceivedEvent) => boolean, what?: string): Promise<ReceivedEvent>;
  close(): Promise<void>;
}

/** Reads a server-sent-event response in the background, parsing `event:`/`data:` blocks. */
export function readEventStream(response: Response): TestEventStream {
  const events: ReceivedEvent[] = [];
  let buffer = "";
  let all = "";
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      const chunk = decoder.decode(value, { stream: true });
      all += chunk;
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: ReceivedEvent = {};
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) event.event = line.slice(7);
          else if (line.startsWith("data: ")) event.payload = line.slice(6);
        }
        if (event.event) events.push(event);
      }
    }
  })();
  return {
    response,
    events,
    text: () => all,
    waitFor: (match, what = "an SSE event") => eventually(async () => events.find(match), { what, timeoutMs: 15_000 }),
    async close() {
      await reader.cancel();
      await pump;
    },
  };
}

/** The parsed payload of an update, notification or conversation event. */
export function payloadOf<T = Record<string, unknown>>(event: ReceivedEvent): T {
  return JSON.parse(event.payload!) as T;
}
