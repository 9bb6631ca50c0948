// Builds an instance's Fedify federation: storage, queue, policy, and the
// dispatchers and inbox listeners registered from their own modules.
import { createFederation, type Federation, type KvStore, type MessageQueue } from "@fedify/fedify";
import { getUserAgent } from "@fedify/vocab-runtime";
import { MemoKvStore, type MemoRule } from "../db/fedify/memo-kv-store.ts";
import type { ParleyContextData } from "./context.ts";
import { registerActorDispatcher } from "./dispatchers/actor.ts";
import { registerCollectionDispatchers } from "./dispatchers/collections.ts";
import { registerNodeInfoDispatcher } from "./dispatchers/nodeinfo.ts";
import { registerNoteDispatcher } from "./dispatchers/note.ts";
import { documentLoaders } from "./fetch/document-loader.ts";
import { registerInboxListeners } from "./inbox/index.ts";

// Fedify reads these on every inbound activity (the sender's public key) and
// on every delivery (the signature spec the inbox took, its circuit state).
// They cache remote facts, so a copy some seconds old is as good; other
// processes' changes show within the ttl (docs/adr/0018-performance.md).
const KV_MEMO_RULES: readonly MemoRule[] = [
  { prefix: ["_fedify", "publicKey"], ttlMs: 60_000 },
  { prefix: ["_fedify", "httpMessageSignaturesSpec"], ttlMs: 60_000 },
  { prefix: ["_fedify", "circuit"], ttlMs: 10_000 },
];

export interface FederationSetup {
  publicUrl: URL;
  kv: KvStore & { cas: NonNullable<KvStore["cas"]> };
  queue: MessageQueue;
  allowPrivateAddress: boolean;
  version: string;
  openRegistrations: boolean;
}

/** Creates the federation; the queue is started by the caller (web and worker processes differ). */
export function buildFederation(setup: FederationSetup): Federation<ParleyContextData> {
  const kv = new MemoKvStore(setup.kv, { rules: KV_MEMO_RULES });
  const userAgent = { software: `Parley/${setup.version}`, url: setup.publicUrl };
  const loaders = documentLoaders({ allowPrivateAddress: setup.allowPrivateAddress, userAgent: getUserAgent(userAgent) }, kv);
  const federation = createFederation<ParleyContextData>({
    kv,
    queue: setup.queue,
    manuallyStartQueue: true,
    // The canonical origin comes from configuration, never from request headers,
    // so Parley behaves the same behind a TLS-terminating proxy.
    origin: setup.publicUrl.origin,
    // Every document fetch goes through Parley's guarded loaders (ADR 19).
    documentLoaderFactory: loaders.document,
    contextLoaderFactory: loaders.context,
    authenticatedDocumentLoaderFactory: loaders.authenticated,
  });
  // Fedify refuses allowPrivateAddress and userAgent next to custom loaders
  // (2.3.6), yet reads both from these fields for WebFinger and deliveries.
  // Revisit when Fedify takes them together.
  Object.assign(federation, { allowPrivateAddress: setup.allowPrivateAddress, userAgent });
  registerActorDispatcher(federation);
  registerCollectionDispatchers(federation);
  registerNoteDispatcher(federation);
  registerNodeInfoDispatcher(federation, { version: setup.version, openRegistrations: setup.openRegistrations });
  registerInboxListeners(federation);
  return federation;
}
