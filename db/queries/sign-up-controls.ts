// Queries on invites and sign-up blocks (migration 0020-sign-up-controls).
import { type Insertable, type Selectable, sql } from "kysely";
import type { Id } from "../schema/index.ts";
import type { CanonicalEmailBlocksTable, EmailDomainBlocksTable, InvitesTable, IpBlocksTable } from "../schema/sign-up-controls.ts";
import type { Executor } from "./executor.ts";
import { type IdRange, withinRange } from "./timelines.ts";

export type InviteRow = Selectable<InvitesTable>;
export type EmailDomainBlockRow = Selectable<EmailDomainBlocksTable>;
export type CanonicalEmailBlockRow = Selectable<CanonicalEmailBlocksTable>;
export type IpBlockRow = Selectable<IpBlocksTable>;

/** The tables of sign-up blocks, which share their list/get/delete queries. */
export type SignUpBlockTable = "email_domain_blocks" | "canonical_email_blocks" | "ip_blocks";

/** Inserts an invite. */
export async function insertInvite(db: Executor, row: Insertable<InvitesTable>): Promise<void> {
  await db.insertInto("invites").values(row).execute();
}

/** An invite by its code, whatever its state. */
export function findInviteByCode(db: Executor, code: string): Promise<InviteRow | undefined> {
  return db.selectFrom("invites").selectAll().where("code", "=", code).executeTakeFirst();
}

/** Counts one use of an invite if it is still valid at `now`; false when it is not (used up, expired, revoked). */
export async function useInvite(db: Executor, id: Id, now: number): Promise<boolean> {
  const result = await db
    .updateTable("invites")
    .set({ uses: sql`uses + 1` })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .where((eb) => eb.or([eb("max_uses", "is", null), eb("uses", "<", eb.ref("max_uses"))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks an invite revoked; false when there was none to revoke. */
export async function revokeInviteRow(db: Executor, id: Id, now: number): Promise<boolean> {
  const result = await db.updateTable("invites").set({ revoked_at: now }).where("id", "=", id).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A page of invites, newest first. */
export function pageInvites(db: Executor, range: IdRange): Promise<InviteRow[]> {
  return withinRange(db.selectFrom("invites").selectAll(), "id", range).execute();
}

/** A page of one kind of sign-up block, newest first. */
export function pageSignUpBlocks<T extends SignUpBlockTable>(db: Executor, table: T, range: IdRange) {
  return withinRange(db.selectFrom(table as SignUpBlockTable).selectAll(), "id", range).execute();
}

/** One sign-up block by id. */
export function findSignUpBlock(db: Executor, table: SignUpBlockTable, id: Id) {
  return db.selectFrom(table).selectAll().where("id", "=", id).executeTakeFirst();
}

/** Deletes one sign-up block; false when there was none. */
export async function deleteSignUpBlock(db: Executor, table: SignUpBlockTable, id: Id): Promise<boolean> {
  const result = await db.deleteFrom(table).where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Inserts an email domain block. */
export async function insertEmailDomainBlock(db: Executor, row: EmailDomainBlockRow): Promise<void> {
  await db.insertInto("email_domain_blocks").values(row).execute();
}

/** Inserts a canonical email block. */
export async function insertCanonicalEmailBlock(db: Executor, row: CanonicalEmailBlockRow): Promise<void> {
  await db.insertInto("canonical_email_blocks").values(row).execute();
}

/** Inserts or replaces an IP block. */
export async function insertIpBlock(db: Executor, row: IpBlockRow): Promise<void> {
  await db.insertInto("ip_blocks").values(row).execute();
}

/** Changes an IP block. */
export async function updateIpBlock(db: Executor, id: Id, changes: Partial<Pick<IpBlockRow, "ip" | "severity" | "comment" | "expires_at">>): Promise<void> {
  await db.updateTable("ip_blocks").set(changes).where("id", "=", id).execute();
}

/** Email domain blocks on any of these domains. */
export function findEmailDomainBlocks(db: Executor, domains: string[]): Promise<EmailDomainBlockRow[]> {
  if (domains.length === 0) return Promise.resolve([]);
  return db.selectFrom("email_domain_blocks").selectAll().where("domain", "in", domains).execute();
}

/** Email domain blocks by exact domain. */
export function findEmailDomainBlockByDomain(db: Executor, domain: string): Promise<EmailDomainBlockRow | undefined> {
  return db.selectFrom("email_domain_blocks").selectAll().where("domain", "=", domain).executeTakeFirst();
}

/** The canonical email block of this hash, if any. */
export function findCanonicalEmailBlock(db: Executor, hash: string): Promise<CanonicalEmailBlockRow | undefined> {
  return db.selectFrom("canonical_email_blocks").selectAll().where("canonical_email_hash", "=", hash).executeTakeFirst();
}

/** IP blocks in force at `now`. */
export function listActiveIpBlocks(db: Executor, now: number): Promise<IpBlockRow[]> {
  return db.selectFrom("ip_blocks").selectAll().where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)])).execute();
}

/** The IP block on exactly this normalized range, if any. */
export function findIpBlockByIp(db: Executor, ip: string): Promise<IpBlockRow | undefined> {
  return db.selectFrom("ip_blocks").selectAll().where("ip", "=", ip).executeTakeFirst();
}

/** An invite by id. */
export function findInviteById(db: Executor, id: Id): Promise<InviteRow | undefined> {
  return db.selectFrom("invites").selectAll().where("id", "=", id).executeTakeFirst();
}
