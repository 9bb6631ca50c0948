// A WebSocket class to hand to a streaming client library (masto's
// `implementation`), so a test knows when the server took the library's
// subscriptions: Parley handles a socket's messages in order, so once it
// answers a deliberately unknown stream, every earlier subscribe took effect.
// Those answers are hidden from the library, which would take them for errors.
import { eventually } from "../rig/rig.ts";

type Listener = Parameters<WebSocket["addEventListener"]>[1];

export interface SettledSockets {
  /** The class to pass to the library. */
  implementation: typeof WebSocket;
  /** Messages the library sent, parsed. */
  sent: Record<string, unknown>[];
  /** Messages the server sent (markers' answers aside), parsed, as they came over the wire. */
  received: { stream?: string[]; event?: string; payload?: string }[];
  /** Waits until the library sent a message that matches, then until the server handled it. */
  settleAfter(match: (message: Record<string, unknown>) => boolean): Promise<void>;
}

const MARKER_ANSWER = "Unknown stream type";

/** A fresh class whose sockets the test can settle. */
export function settledSockets(): SettledSockets {
  const sent: Record<string, unknown>[] = [];
  const received: SettledSockets["received"] = [];
  const sockets: SettledWebSocket[] = [];
  let answers = 0;
  let markers = 0;

  class SettledWebSocket extends WebSocket {
    #wrapped = new Map<Listener, Listener>();

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
      super.addEventListener("message", (event) => {
        if (isMarkerAnswer(event.data)) answers++;
        else if (typeof event.data === "string") received.push(JSON.parse(event.data) as SettledSockets["received"][number]);
      });
    }

    override send(data: Parameters<WebSocket["send"]>[0]): void {
      if (typeof data === "string") sent.push(JSON.parse(data) as Record<string, unknown>);
      super.send(data);
    }

    override addEventListener(type: string, listener: Listener, options?: boolean | AddEventListenerOptions): void {
      if (type !== "message" || !listener) return super.addEventListener(type, listener, options);
      const wrapped: Listener = (event) => {
        if (isMarkerAnswer((event as MessageEvent).data)) return;
        if (typeof listener === "function") listener.call(this, event);
        else listener.handleEvent(event);
      };
      this.#wrapped.set(listener, wrapped);
      super.addEventListener(type, wrapped, options);
    }

    override removeEventListener(type: string, listener: Listener, options?: boolean | EventListenerOptions): void {
      const wrapped = listener ? this.#wrapped.get(listener) : undefined;
      if (wrapped) this.#wrapped.delete(listener!);
      super.removeEventListener(type, wrapped ?? listener, options);
    }
  }

  return {
    implementation: SettledWebSocket,
    sent,
    received,
    async settleAfter(match) {
      await eventually(async () => sent.some(match), { what: "the client to send its message" });
      const socket = sockets.findLast((s) => s.readyState === WebSocket.OPEN);
      if (!socket) throw new Error("no open socket");
      const expected = ++markers;
      WebSocket.prototype.send.call(socket, JSON.stringify({ type: "subscribe", stream: `settle-${expected}` }));
      await eventually(async () => answers >= expected, { what: "the server to handle the client's messages" });
    },
  };
}

function isMarkerAnswer(data: unknown): boolean {
  return typeof data === "string" && data.includes(MARKER_ANSWER) && (JSON.parse(data) as { error?: string }).error === MARKER_ANSWER;
}
