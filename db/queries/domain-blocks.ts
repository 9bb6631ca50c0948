// Queries on the instance's domain blocks and domain allows (not a user's
// own domain blocks: those are in account-domain-blocks.ts).
import type { Insertable, Selectable, Updateable } from "kysely";
import type { DomainAllowsTable, DomainBlocksTable } from "../schema/federation-controls.ts";
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { IdRange } from "./timelines.ts";

export type DomainBlockRow = Selectable<DomainBlocksTable>;
export type DomainAllowRow = Selectable<DomainAllowsTable>;

/** A block by id. */
export function findDomainBlockById(db: Executor, id: Id): Promise<DomainBlockRow | undefined> {
  return db.selectFrom("domain_blocks").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The block stored for exactly this domain. */
export function findDomainBlockByDomain(db: Executor, domain: string): Promise<DomainBlockRow | undefined> {
  return db.selectFrom("domain_blocks").selectAll().where("domain", "=", domain).executeTakeFirst();
}

/** The blocks stored for any of these domains (those covering a host: coveringDomains). */
export function findDomainBlocksFor(db: Executor, domains: readonly string[]): Promise<DomainBlockRow[]> {
  if (domains.length === 0) return Promise.resolve([]);
  return db.selectFrom("domain_blocks").selectAll().where("domain", "in", domains).execute();
}

/** Every block, by domain; or only those of one subscription. */
export function listDomainBlocks(db: Executor, filter: { subscriptionId?: Id } = {}): Promise<DomainBlockRow[]> {
  let query = db.selectFrom("domain_blocks").selectAll().orderBy("domain");
  if (filter.subscriptionId) query = query.where("subscription_id", "=", filter.subscriptionId);
  return query.execute();
}

/** A keyset page of blocks by id. */
export function pageDomainBlocks(db: Executor, range: IdRange): Promise<DomainBlockRow[]> {
  return pageBy(db, "domain_blocks", range) as Promise<DomainBlockRow[]>;
}

/** Inserts a block. */
export async function insertDomainBlock(db: Executor, row: Insertable<DomainBlocksTable>): Promise<void> {
  await db.insertInto("domain_blocks").values(row).execute();
}

/** Changes a block. */
export async function updateDomainBlock(db: Executor, id: Id, changes: Updateable<DomainBlocksTable>): Promise<void> {
  await db.updateTable("domain_blocks").set(changes).where("id", "=", id).execute();
}

/** Deletes a block. */
export async function deleteDomainBlock(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("domain_blocks").where("id", "=", id).execute();
}

/** An allow by id. */
export function findDomainAllowById(db: Executor, id: Id): Promise<DomainAllowRow | undefined> {
  return db.selectFrom("domain_allows").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The allows stored for any of these domains. */
export function findDomainAllowsFor(db: Executor, domains: readonly string[]): Promise<DomainAllowRow[]> {
  if (domains.length === 0) return Promise.resolve([]);
  return db.selectFrom("domain_allows").selectAll().where("domain", "in", domains).execute();
}

/** Every allow, by domain. */
export function listDomainAllows(db: Executor): Promise<DomainAllowRow[]> {
  return db.selectFrom("domain_allows").selectAll().orderBy("domain").execute();
}

/** A keyset page of allows by id. */
export function pageDomainAllows(db: Executor, range: IdRange): Promise<DomainAllowRow[]> {
  return pageBy(db, "domain_allows", range) as Promise<DomainAllowRow[]>;
}

/** Inserts an allow unless the domain has one; returns the stored row. */
export async function upsertDomainAllow(db: Executor, row: Insertable<DomainAllowsTable>): Promise<{ row: DomainAllowRow; created: boolean }> {
  const result = await db.insertInto("domain_allows").values(row).onConflict((oc) => oc.column("domain").doNothing()).executeTakeFirst();
  const stored = await db.selectFrom("domain_allows").selectAll().where("domain", "=", row.domain).executeTakeFirstOrThrow();
  return { row: stored, created: Number(result.numInsertedOrUpdatedRows ?? 0) > 0 };
}

/** Deletes an allow. */
export async function deleteDomainAllow(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("domain_allows").where("id", "=", id).execute();
}

function pageBy(db: Executor, table: "domain_blocks" | "domain_allows", range: IdRange) {
  let query = db.selectFrom(table).selectAll().orderBy("id", range.ascending ? "asc" : "desc").limit(range.limit);
  if (range.lower) query = query.where("id", ">", range.lower);
  if (range.upper) query = query.where("id", "<", range.upper);
  return query.execute();
}

/** Ids of the remote accounts on a domain or its subdomains. */
export async function findAccountIdsOfDomain(db: Executor, domain: string): Promise<Id[]> {
  const rows = await db
    .selectFrom("accounts")
    .select("id")
    .where((eb) => eb.or([
      eb("domain", "=", domain),
      eb("domain", "like", `%.${domain}`),
      eb("domain", "like", `${domain}:%`),
      eb("domain", "like", `%.${domain}:%`),
    ]))
    .execute();
  return rows.map((r) => r.id);
}

/** Marks accounts silenced by a block (silenced_at = the block's time), unless silenced already. */
export async function silenceAccounts(db: Executor, ids: readonly Id[], at: number): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("accounts").set({ silenced_at: at }).where("id", "in", ids).where("silenced_at", "is", null).execute();
}

/** Lifts the silence a block put on accounts (those silenced at the block's time only). */
export async function unsilenceAccounts(db: Executor, ids: readonly Id[], at: number): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("accounts").set({ silenced_at: null }).where("id", "in", ids).where("silenced_at", "=", at).execute();
}

/** Drops the media of accounts: their statuses' attachments and their avatars and headers (remote references). */
export async function dropMediaOfAccounts(db: Executor, ids: readonly Id[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("media_attachments").where("account_id", "in", ids).execute();
  await db.updateTable("accounts").set({ avatar_url: null, header_url: null }).where("id", "in", ids).execute();
}
