// The streaming hub of one instance: the sessions open in this process (a
// WebSocket or an SSE response each), what each is subscribed to, and the
// events the relay brings, turned into stream messages per subscriber.
import { getLogger } from "@logtape/logtape";
import type { DatabaseConfig } from "../../../db/index.ts";
import { findOwnList } from "../../../db/queries/lists.ts";
import { findLiveTokenIds } from "../../../db/queries/stream-audience.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import type { ServiceDeps } from "../context.ts";
import { dispatchEvent } from "./dispatch.ts";
import { type StreamedEvent, startEventRelay } from "./relay.ts";
import { type Stream, streamKey } from "./streams.ts";

const logger = getLogger(["parley", "streaming"]);
const TOKEN_CHECK_MS = 30_000;

/** One event for one stream of a session: `payload` is already a string (JSON, or an id for delete). */
export interface StreamMessage {
  stream: string[];
  event: string;
  payload?: string;
}

/** Who a session streams for: a user token's owner. */
export interface StreamViewer {
  accountId: Id;
  tokenId: Id;
  /** Whether the token may read notifications: the user stream carries them only then. */
  readsNotifications: boolean;
}

/** How the hub talks to a transport. */
export interface StreamSink {
  send(message: StreamMessage): void;
  /** The token stopped working: the transport closes the connection. */
  revoked(): void;
}

/** A session as the dispatcher sees it. */
export interface OpenSession {
  viewer: StreamViewer;
  streams: ReadonlyMap<string, Stream>;
  sink: StreamSink;
}

export interface StreamSession {
  /** Adds a stream (a list only if the viewer owns it); subscribing twice is harmless. Scopes are the caller's check. */
  subscribe(stream: Stream): Promise<Result<void>>;
  unsubscribe(stream: Stream): void;
  close(): void;
}

export interface StreamingHub {
  /** Opens a session; resolves once events committed from now on will reach it. */
  open(viewer: StreamViewer, sink: StreamSink): Promise<StreamSession>;
  close(): Promise<void>;
}

/** Creates the hub of one instance (no module-level state: several instances share a process in tests). */
export function createStreamingHub(deps: ServiceDeps, database: DatabaseConfig): StreamingHub {
  const sessions = new Set<OpenSession & { streams: Map<string, Stream> }>();
  // Events are handled one at a time, so a delete never overtakes the update it follows.
  let queue: Promise<void> = Promise.resolve();
  const deliver = (event: StreamedEvent) => {
    if (sessions.size === 0) return;
    queue = queue
      .then(() => dispatchEvent(deps, [...sessions], event))
      .catch((error) => logger.error("Could not stream {type}: {error}", { type: event.type, error }));
  };
  const relay = startEventRelay(deps.events, deps.db, database, deliver);

  // Mastodon closes streams whose token is revoked; here every half minute.
  const tokenCheck = setInterval(async () => {
    if (sessions.size === 0) return;
    try {
      const live = await findLiveTokenIds(deps.db, [...new Set([...sessions].map((s) => s.viewer.tokenId))]);
      for (const session of [...sessions]) {
        if (live.has(session.viewer.tokenId)) continue;
        sessions.delete(session);
        session.sink.revoked();
      }
    } catch (error) {
      logger.error("Could not check streaming tokens: {error}", { error });
    }
  }, TOKEN_CHECK_MS);

  return {
    async open(viewer, sink) {
      await relay.ready();
      const session = { viewer, sink, streams: new Map<string, Stream>() };
      sessions.add(session);
      return {
        async subscribe(stream) {
          if (stream.list && !(await findOwnList(deps.db, viewer.accountId, stream.list))) return fail("not-found", "Record not found");
          session.streams.set(streamKey(stream), stream);
          return ok(undefined);
        },
        unsubscribe(stream) {
          session.streams.delete(streamKey(stream));
        },
        close() {
          sessions.delete(session);
        },
      };
    },
    async close() {
      clearInterval(tokenCheck);
      sessions.clear();
      await relay.close();
      await queue;
    },
  };
}
