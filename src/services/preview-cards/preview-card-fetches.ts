// Preview card fetching, off the request path: a status's write queues the
// fetch of its first link (preview_card_fetches, in the same transaction, so
// a restart loses nothing); the process that runs the queue takes due fetches
// with a lease, fetches the page with the fetcher it is given (the guarded one
// of federation/fetch/html-page.ts), stores the card, links it to the status
// and emits status.updated, which streams a status.update.
import { getLogger } from "@logtape/logtape";
import {
  claimPreviewCardFetches,
  deletePreviewCardFetch,
  findPreviewCardByUrl,
  linkStatusCard,
  type PreviewCardFetchRow,
  type PreviewCardRow,
  retryPreviewCardFetch,
  upsertPreviewCard,
} from "../../../db/queries/preview-cards.ts";
import { parseLinkMetadata } from "../../domain/link-metadata.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { polledWorker } from "../polled-worker.ts";

const logger = getLogger(["parley", "preview-cards"]);
const BATCH = 10;
const LEASE_MS = 60_000;
const POLL_MS = 5_000;
const MAX_ATTEMPTS = 3;
// 1 min, then 10 min.
const backoffMs = (attempts: number) => 60_000 * 10 ** attempts;
// A card fetched less than this ago is reused for other statuses sharing the link (Mastodon: two weeks).
const FRESH_MS = 14 * 86_400_000;

export type PageFetch =
  | { kind: "page"; url: string; html: string }
  /** Nothing to make a card of (not HTML, not found, refused): not retried. */
  | { kind: "none"; reason: string }
  /** A failure that may pass (server error, timeout, network): retried later. */
  | { kind: "retry"; reason: string };

/** Fetches the HTML page a link points to. */
export type PageFetcher = (url: string) => Promise<PageFetch>;

export interface PreviewCardFetches {
  /** Starts fetching in this process (the one that runs the queue). */
  start(): void;
  /** Fetches everything due now; resolves when done. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

type Outcome = { card: PreviewCardRow | null } | "retry";

async function cardFor(deps: ServiceDeps, fetchPage: PageFetcher, url: string): Promise<Outcome> {
  const known = await findPreviewCardByUrl(deps.db, url);
  if (known && Date.now() - known.updated_at < FRESH_MS) return { card: known };
  const page = await fetchPage(url);
  if (page.kind === "retry") {
    logger.info("Fetching {url} for a preview card failed, to retry: {reason}", { url, reason: page.reason });
    return "retry";
  }
  const metadata = page.kind === "page" ? parseLinkMetadata(page.html, page.url) : null;
  if (!metadata) {
    if (page.kind === "none") logger.info("No preview card for {url}: {reason}", { url, reason: page.reason });
    return { card: null };
  }
  const now = Date.now();
  const card = await upsertPreviewCard(deps.db, {
    id: deps.ids.next(),
    url,
    title: metadata.title,
    description: metadata.description,
    type: metadata.type,
    author_name: metadata.authorName,
    author_url: metadata.authorUrl,
    provider_name: metadata.providerName,
    provider_url: metadata.providerUrl,
    html: "",
    width: metadata.width,
    height: metadata.height,
    image_url: metadata.imageUrl,
    embed_url: metadata.embedUrl,
    blurhash: null,
    language: metadata.language,
    published_at: metadata.publishedAt,
    created_at: now,
    updated_at: now,
  });
  return { card };
}

async function fetchOne(deps: ServiceDeps, fetchPage: PageFetcher, job: PreviewCardFetchRow): Promise<void> {
  const outcome = await cardFor(deps, fetchPage, job.url).catch((error) => {
    logger.warn("Preview card of {url} failed: {error}", { url: job.url, error });
    return "retry" as const;
  });
  if (outcome === "retry" && job.attempts + 1 < MAX_ATTEMPTS) {
    await retryPreviewCardFetch(deps.db, job, Date.now() + backoffMs(job.attempts));
    return;
  }
  const card = outcome === "retry" ? null : outcome.card;
  await writeTransaction(deps, async (tx, emit) => {
    // Gone when the status was deleted or edited to another link meanwhile: then the card is not its own.
    if (!(await deletePreviewCardFetch(tx, job)) || !card) return;
    await linkStatusCard(tx, job.status_id, card.id);
    // Not federated: each server makes its own cards.
    emit({ type: "status.updated", statusId: job.status_id });
  });
}

/** Wakes on new and edited statuses (in every process) and fetches cards once start() is called. */
export function startPreviewCardFetches(deps: ServiceDeps, fetchPage: PageFetcher): PreviewCardFetches {
  const worker = polledWorker({
    async batch() {
      const jobs = await claimPreviewCardFetches(deps.db, BATCH, LEASE_MS, Date.now());
      await Promise.all(jobs.map((job) => fetchOne(deps, fetchPage, job)));
      return jobs.length === BATCH;
    },
    pollMs: POLL_MS,
    onError: (error) => logger.error("Preview card fetching failed: {error}", { error }),
  });
  const unsubscribe = deps.events.subscribe((event) => {
    if (worker.started && (event.type === "status.created" || event.type === "status.updated")) void worker.run();
  });
  return {
    start: worker.start,
    drain: worker.run,
    async close() {
      unsubscribe();
      await worker.stop();
    },
  };
}
