// createApp(config) builds one whole instance: database, services, Fedify
// federation, outbox dispatcher and the Hono app. No module-level state, so
// several instances run in one process (the federation test rig does).
import { join } from "node:path";
import type { Federation } from "@fedify/fedify";
import { getUserAgent } from "@fedify/vocab-runtime";
import { Hono } from "hono";
import { KyselyKvStore } from "../db/fedify/kv-store.ts";
import { KyselyMessageQueue } from "../db/fedify/message-queue.ts";
import { type DatabaseHandle, migrateToLatest, openDatabase } from "../db/index.ts";
import type { ParleyContextData } from "../federation/context.ts";
import { htmlPageFetcher } from "../federation/fetch/html-page.ts";
import { webFingerLookup } from "../federation/fetch/webfinger.ts";
import { buildFederation } from "../federation/index.ts";
import { resolveHandle } from "../federation/resolve/resolve-handle.ts";
import { type OutboxDispatcher, startOutboxDispatcher } from "../federation/outbound/index.ts";
import { mastodonApi } from "./api/mastodon/index.ts";
import { apiCors } from "./api/mastodon/middleware/cors.ts";
import { type StreamingSockets, streamingSockets } from "./api/mastodon/streaming/websocket.ts";
import type { Config } from "./config.ts";
import { createEventBus, type EventBus } from "./domain/events.ts";
import { createIdGenerator } from "./domain/ids.ts";
import { localUris } from "./domain/uris.ts";
import { createServices, type Services } from "./services/index.ts";
import { type PreviewCardFetches, startPreviewCardFetches } from "./services/preview-cards/preview-card-fetches.ts";
import { type PushDeliveries, startPushDeliveries } from "./services/push/push-deliveries.ts";
import { createStreamingHub, type StreamingHub } from "./services/streaming/hub.ts";
import { startScheduler } from "./services/statuses/scheduler.ts";
import { startBlocklistRefresh } from "./services/moderation/blocklist-subscriptions.ts";
import { startMediaCleanup } from "./services/media/clean-up-media.ts";
import { localMediaStorage } from "./services/media/storage.ts";
import { PARLEY_VERSION } from "./version.ts";
import { createDocumentCache } from "./web/document-cache.ts";
import { federationMiddleware } from "./web/federation-middleware.ts";
import { homeRoutes } from "./web/home.ts";
import { hostMetaRoutes } from "./web/host-meta.ts";
import { inboxBodyLimit } from "./web/inbox-body-limit.ts";
import { inboxDomainGate } from "./web/inbox-domain-gate.ts";
import { inboxRateLimit } from "./web/inbox-rate-limit.ts";
import { mediaFileRoutes } from "./web/media-files.ts";

export interface ParleyApp {
  config: Config;
  database: DatabaseHandle;
  services: Services;
  events: EventBus;
  federation: Federation<ParleyContextData>;
  contextData: ParleyContextData;
  outbox: OutboxDispatcher;
  /** The streaming sessions of this process (SSE and WebSocket). */
  streaming: StreamingHub;
  /** Web Push: queues pushes for new notifications; sends them once startQueue() ran. */
  push: PushDeliveries;
  /** Preview cards: fetches the links of new statuses once startQueue() ran. */
  cards: PreviewCardFetches;
  /** The WebSocket endpoint: attach to the HTTP server's 'upgrade' event. */
  upgrade: StreamingSockets["upgrade"];
  /** The HTTP handler. */
  fetch: (request: Request) => Response | Promise<Response>;
  /** Consumes the delivery and inbox queue, and runs scheduled work, until close(). */
  startQueue(): void;
  close(): Promise<void>;
}

/** Builds an instance and applies pending migrations. */
export async function createApp(config: Config): Promise<ParleyApp> {
  const database = openDatabase(config.database);
  await migrateToLatest(database);
  const uris = localUris(config.publicUrl);
  const events = createEventBus();
  const media = localMediaStorage(join(config.dataDir, "media"), config.publicUrl);
  const services = createServices({ db: database.db, ids: createIdGenerator(), uris, events, media });
  const streaming = createStreamingHub(services.deps, database.config);
  const push = startPushDeliveries(services.deps, { allowPrivateAddress: config.allowPrivateAddress, publicUrl: config.publicUrl });
  const userAgent = getUserAgent({ software: `Parley/${PARLEY_VERSION}`, url: config.publicUrl });
  const cards = startPreviewCardFetches(services.deps, htmlPageFetcher({ allowPrivateAddress: config.allowPrivateAddress, userAgent }));
  const federation = buildFederation({
    publicUrl: config.publicUrl,
    kv: new KyselyKvStore(database.db),
    queue: new KyselyMessageQueue(database.db, { database: database.config }),
    allowPrivateAddress: config.allowPrivateAddress,
    version: PARLEY_VERSION,
    openRegistrations: config.registrations === "open",
  });
  const webFinger = webFingerLookup({ allowPrivateAddress: config.allowPrivateAddress, userAgent });
  const contextData: ParleyContextData = { db: database.db, services, uris, webFinger };
  const outbox = startOutboxDispatcher(federation, contextData, config.publicUrl);
  const unsubscribe = events.subscribe(() => outbox.wake());
  outbox.wake(); // events a crash left behind
  const documents = createDocumentCache();
  const unsubscribeDocuments = events.subscribe((e) => {
    if (e.type === "account.updated" || e.type === "account.deleted") documents.invalidateAccounts();
  });

  const app = new Hono();
  app.use(apiCors());
  app.use(inboxRateLimit(config));
  app.use(inboxBodyLimit());
  app.use(inboxDomainGate(database.db));
  app.use(federationMiddleware(federation, contextData, documents));
  app.route("/", mastodonApi({ config, services, federation, events, streaming, db: database.db, contextData }));
  app.route("/", hostMetaRoutes(config.publicUrl));
  app.route("/", homeRoutes(config.publicUrl.host));
  app.route("/", mediaFileRoutes(media));

  const sockets = streamingSockets({ db: database.db, streaming });

  const queueAbort = new AbortController();
  let queueRun: Promise<void> | null = null;
  // Scheduled statuses and poll ends are due in the process that consumes the queue.
  let scheduler: { stop(): Promise<void> } | null = null;
  let blocklists: { stop(): Promise<void> } | null = null;
  const resolveRemote = (handle: string) => resolveHandle(federation.createContext(config.publicUrl, contextData), handle);
  let mediaCleanup: ReturnType<typeof startMediaCleanup> | null = null;
  return {
    config,
    database,
    services,
    events,
    federation,
    contextData,
    outbox,
    streaming,
    push,
    cards,
    upgrade: sockets.upgrade,
    fetch: app.fetch,
    startQueue() {
      queueRun ??= federation.startQueue(contextData, { signal: queueAbort.signal });
      scheduler ??= startScheduler(() => services.runScheduledWork(resolveRemote));
      mediaCleanup ??= startMediaCleanup(services.deps);
      blocklists ??= startBlocklistRefresh(services.deps, { allowPrivateAddress: config.allowPrivateAddress });
      push.start();
      cards.start();
    },
    async close() {
      await sockets.close();
      await streaming.close();
      await push.close();
      await cards.close();
      unsubscribe();
      unsubscribeDocuments();
      await scheduler?.stop();
      await blocklists?.stop();
      await outbox.stop();
      queueAbort.abort();
      await queueRun;
      await mediaCleanup?.stop();
      await database.close();
    },
  };
}
