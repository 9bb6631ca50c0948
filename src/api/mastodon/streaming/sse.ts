// One stream over server-sent events (Mastodon's HTTP streaming): `event:` and
// `data:` lines per event, a `:thump` comment every 30 seconds so proxies and
// clients keep the connection, the session closed when the client goes.
import type { StreamMessage, StreamSession, StreamingHub } from "../../../services/streaming/hub.ts";
import type { Stream } from "../../../services/streaming/streams.ts";
import type { StreamCaller } from "./caller.ts";
import { subscribeAs } from "./caller.ts";
import type { Failure } from "../../../domain/result.ts";

const HEARTBEAT_MS = 30_000;

// Mastodon writes the payload as is: JSON, an id for delete, "undefined" when there is none.
const format = (message: StreamMessage) => `event: ${message.event}\ndata: ${message.payload ?? "undefined"}\n\n`;

/** Opens the stream for the caller: the event-stream Response, or the failure refusing it. */
export async function openEventStream(hub: StreamingHub, caller: StreamCaller, stream: Stream): Promise<Response | Failure> {
  const encoder = new TextEncoder();
  let session: StreamSession | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stop = () => {
    clearInterval(heartbeat);
    session?.close();
  };
  const write = (text: string) => {
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      stop(); // the client is gone
    }
  };
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel: stop,
  });
  session = await hub.open(caller.viewer, {
    send: (message) => write(format(message)),
    revoked() {
      stop();
      controller.close();
    },
  });
  const subscribed = await subscribeAs(caller, session, stream);
  if (!subscribed.ok) {
    stop();
    return subscribed;
  }
  write(":)\n");
  heartbeat = setInterval(() => write(":thump\n"), HEARTBEAT_MS);
  return new Response(body, {
    headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
}
