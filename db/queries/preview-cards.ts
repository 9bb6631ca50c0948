// Preview cards: the cards themselves (one per URL), which status shows
// which card, and the durable fetch jobs (one per status, its latest first
// link), taken with a lease by the process that fetches cards.
import type { Insertable, Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { PreviewCardFetchesTable, PreviewCardsTable } from "../schema/preview-cards.ts";
import type { Executor } from "./executor.ts";

export type PreviewCardRow = Selectable<PreviewCardsTable>;
export type PreviewCardFetchRow = Selectable<PreviewCardFetchesTable>;

/** The card stored for a URL, if any. */
export function findPreviewCardByUrl(db: Executor, url: string): Promise<PreviewCardRow | undefined> {
  return db.selectFrom("preview_cards").selectAll().where("url", "=", url).executeTakeFirst();
}

/** The cards stored for these URLs, by URL. */
export async function findPreviewCardsByUrls(db: Executor, urls: readonly string[]): Promise<Map<string, PreviewCardRow>> {
  if (urls.length === 0) return new Map();
  const rows = await db.selectFrom("preview_cards").selectAll().where("url", "in", urls).execute();
  return new Map(rows.map((r) => [r.url, r]));
}

/** The cards of these statuses, by status id (one query for a page). */
export async function findCardsOfStatuses(db: Executor, statusIds: readonly Id[]): Promise<Map<Id, PreviewCardRow>> {
  if (statusIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("status_preview_cards as sc")
    .innerJoin("preview_cards as c", "c.id", "sc.preview_card_id")
    .selectAll("c")
    .select("sc.status_id")
    .where("sc.status_id", "in", statusIds)
    .execute();
  return new Map(rows.map(({ status_id, ...card }) => [status_id, card]));
}

/** The URL of the card a status shows, if any. */
export async function findStatusCardUrl(db: Executor, statusId: Id): Promise<string | undefined> {
  const row = await db
    .selectFrom("status_preview_cards as sc")
    .innerJoin("preview_cards as c", "c.id", "sc.preview_card_id")
    .select("c.url")
    .where("sc.status_id", "=", statusId)
    .executeTakeFirst();
  return row?.url;
}

/** Stores a fetched card, replacing what an earlier fetch of the same URL stored; returns it. */
export function upsertPreviewCard(db: Executor, card: Insertable<PreviewCardsTable>): Promise<PreviewCardRow> {
  const { id: _, created_at: __, url: ___, ...fields } = card;
  return db
    .insertInto("preview_cards")
    .values(card)
    .onConflict((oc) => oc.column("url").doUpdateSet(fields))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Shows the card on the status (replacing any other). */
export async function linkStatusCard(db: Executor, statusId: Id, cardId: Id): Promise<void> {
  await db
    .insertInto("status_preview_cards")
    .values({ status_id: statusId, preview_card_id: cardId })
    .onConflict((oc) => oc.column("status_id").doUpdateSet({ preview_card_id: cardId }))
    .execute();
}

/** Removes the status's card and any fetch still to do for it. */
export async function clearStatusCard(db: Executor, statusId: Id): Promise<void> {
  await db.deleteFrom("status_preview_cards").where("status_id", "=", statusId).execute();
  await db.deleteFrom("preview_card_fetches").where("status_id", "=", statusId).execute();
}

/** Queues the fetch of `url` for the status, replacing an earlier one still waiting. */
export async function queuePreviewCardFetch(db: Executor, statusId: Id, url: string, now: number): Promise<void> {
  await db
    .insertInto("preview_card_fetches")
    .values({ status_id: statusId, url, attempts: 0, available_at: now, locked_until: null, created_at: now })
    .onConflict((oc) => oc.column("status_id").doUpdateSet({ url, attempts: 0, available_at: now, locked_until: null, created_at: now }))
    .execute();
}

/** Claims up to `limit` due fetches for leaseMs, oldest status first. */
export async function claimPreviewCardFetches(db: Executor, limit: number, leaseMs: number, now: number): Promise<PreviewCardFetchRow[]> {
  const rows = await db
    .updateTable("preview_card_fetches")
    .set({ locked_until: now + leaseMs })
    // Repeated outside the subquery: PostgreSQL re-checks it after waiting on a row another process just claimed.
    .where("available_at", "<=", now)
    .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", now)]))
    .where("status_id", "in", (eb) =>
      eb
        .selectFrom("preview_card_fetches")
        .select("status_id")
        .where("available_at", "<=", now)
        .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", now)]))
        .orderBy("status_id")
        .limit(limit)
    )
    .returningAll()
    .execute();
  return rows;
}

/** Removes a fetch once done (or given up), unless the status was edited to another link meanwhile. */
export async function deletePreviewCardFetch(db: Executor, fetch: Pick<PreviewCardFetchRow, "status_id" | "url">): Promise<boolean> {
  const result = await db.deleteFrom("preview_card_fetches").where("status_id", "=", fetch.status_id).where("url", "=", fetch.url).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Offers a failed fetch again at availableAt. */
export async function retryPreviewCardFetch(db: Executor, fetch: Pick<PreviewCardFetchRow, "status_id" | "url">, availableAt: number): Promise<void> {
  await db
    .updateTable("preview_card_fetches")
    .set((eb) => ({ attempts: eb("attempts", "+", 1), available_at: availableAt, locked_until: null }))
    .where("status_id", "=", fetch.status_id)
    .where("url", "=", fetch.url)
    .execute();
}
